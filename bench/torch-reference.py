"""Reference side of bench/torch.ts: times the same convolution in python3-torch.

--mode forward: F.conv2d under no_grad. --mode backward: F.conv2d with input and weight requiring
grad, then y.sum().backward(), gradients cleared before each run.
--model deepfill: the DeepFill v2 generator of the reference port (nipponjo/deepfillv2-pytorch,
model/networks_tf.py, imported from the checkout given by --port), width 48, random weights, on
--batch x 5 x --size x --size with a centre-square hole. --mode forward: under no_grad.
--mode train-step: L1 of both stages against the image, backward, one Adam step (lr 1e-4).
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
    parser.add_argument("--model", choices=["conv", "deepfill"], default="conv")
    parser.add_argument("--port", help="checkout of nipponjo/deepfillv2-pytorch (for --model deepfill)")
    parser.add_argument("--mode", choices=["forward", "backward", "train-step"], default="forward")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads; 0 keeps torch's default")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    if args.model == "deepfill":
        call = deepfill_call(args)
        report(call, args.runs)
        return

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

    report(call, args.runs)


def deepfill_call(args):
    """The call to time for the DeepFill v2 generator of the reference port."""
    import sys
    sys.path.insert(0, args.port)
    from model.networks_tf import Generator

    torch.manual_seed(0)
    generator = Generator(cnum_in=5, cnum=48)
    generator.train()
    real = torch.rand(args.batch, 3, args.size, args.size) * 2 - 1
    mask = torch.zeros(1, 1, args.size, args.size)
    quarter = args.size // 4
    mask[:, :, quarter:3 * quarter, quarter:3 * quarter] = 1
    incomplete = real * (1. - mask)
    ones = torch.ones_like(incomplete)[:, 0:1]
    x = torch.cat([incomplete, ones, ones * mask], dim=1)
    if args.mode == "forward":
        def call():
            with torch.no_grad():
                generator(x, mask)
        return call
    optimizer = torch.optim.Adam(generator.parameters(), lr=1e-4, betas=(0.5, 0.999))

    def call():
        optimizer.zero_grad()
        coarse, refined = generator(x, mask)
        (torch.mean(torch.abs(real - coarse)) + torch.mean(torch.abs(real - refined))).backward()
        optimizer.step()
    return call


def report(call, runs):
    call()  # warm-up: the first call picks the algorithm
    times = []
    for _ in range(runs):
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
