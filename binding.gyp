{
  # The libtorch addon. By default it builds against Debian's libtorch-dev (headers under
  # /usr/include, libraries on the default search path); LIBTORCH=/path/to/libtorch builds against
  # another distribution (a CUDA build, say) laid out as include/ and lib/, with lib/ as run path.
  "variables": {
    "libtorch%": "<!(node -p \"process.env.LIBTORCH || ''\")"
  },
  "targets": [
    {
      "target_name": "inpaint_torch",
      "sources": [
        "src/native/addon.cc",
        "src/native/args.cc",
        "src/native/tensor.cc",
        "src/native/ops.cc",
        "src/native/async_ops.cc",
        "src/native/autograd.cc",
        "src/native/adam.cc",
        "src/native/resample2d.cc",
        "src/native/grid_laplacian_solve.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-frtti", "-O2", "-Wno-unused-parameter"],
      "conditions": [
        ["libtorch==''", {
          "include_dirs": ["/usr/include/torch/csrc/api/include", "/usr/include"],
          "libraries": ["-ltorch", "-ltorch_cpu", "-lc10"]
        }, {
          "include_dirs": ["<(libtorch)/include/torch/csrc/api/include", "<(libtorch)/include"],
          "libraries": [
            "-L<(libtorch)/lib", "-Wl,-rpath,<(libtorch)/lib",
            "-Wl,--no-as-needed", "-ltorch", "-ltorch_cpu", "-lc10", "-Wl,--as-needed"
          ]
        }]
      ]
    }
  ]
}
