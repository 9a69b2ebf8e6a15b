"""Reference side of bench/pconv.ts: naoto0804's PConvUNet (net.py, from the checkout given by
--naoto) at the official size (layer_size 7, width 64), random weights, on --batch x 3 x 256 x 256
with a centre 128x128 hole (mask 1 = valid on every channel, input = image * mask).
--mode forward: evaluation mode under no_grad. --mode train-step: training mode, valid + 6 hole
L1 (InpaintingLoss's first terms), backward, one Adam step (lr 2e-4) over the parameters that
require grad. Prints one JSON line: {"timesMs": [...]}.
"""
import argparse
import json
import sys
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--naoto', required=True)
    parser.add_argument('--mode', choices=['forward', 'train-step'], default='forward')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--batch', type=int, default=1)
    parser.add_argument('--threads', type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    sys.path.insert(0, args.naoto)
    from net import PConvUNet

    torch.manual_seed(0)
    model = PConvUNet()
    gt = torch.rand(args.batch, 3, 256, 256)
    mask = torch.ones(args.batch, 3, 256, 256)
    mask[:, :, 64:192, 64:192] = 0
    image = gt * mask
    optimizer = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=2e-4)
    if args.mode == 'forward':
        model.eval()

        def call():
            with torch.no_grad():
                model(image, mask)
    else:
        model.train()
        l1 = torch.nn.L1Loss()

        def call():
            output, _ = model(image, mask)
            loss = l1(mask * output, mask * gt) + 6 * l1((1 - mask) * output, (1 - mask) * gt)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    call()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({'timesMs': times}))


if __name__ == '__main__':
    main()
