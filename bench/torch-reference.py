"""Reference side of bench/torch.ts: times the same convolution in python3-torch.

--mode forward: F.conv2d under no_grad. --mode backward: F.conv2d with input and weight requiring
grad, then y.sum().backward(), gradients cleared before each run.
Prints one JSON line: {"torch": version, "threads": n, "medianMs": ms, "timesMs": [...]}.

    /usr/bin/python3 bench/torch-reference.py --mode forward --runs 20 --batch 1 --channels 64 --size 128 --threads 2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["forward", "backward"], default="forward")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads; 0 keeps torch's default")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    torch.manual_seed(0)
    x = torch.randn(args.batch, args.channels, args.size, args.size)
    w = torch.randn(args.channels, args.channels, 3, 3)
    b = torch.randn(args.channels)

    if args.mode == "forward":
        def call():
            with torch.no_grad():
                F.conv2d(x, w, b, padding=1)
    else:
        for t in (x, w, b):
            t.requires_grad_()

        def call():
            for t in (x, w, b):
                t.grad = None
            F.conv2d(x, w, b, padding=1).sum().backward()

    call()  # warm-up: the first call picks the algorithm
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "medianMs": statistics.median(times),
        "timesMs": times,
    }))


if __name__ == "__main__":
    main()
