"""The official Pluralistic networks (model/network.py of a lyndonzheng/Pluralistic-Inpainting
checkout, given by --official) timed as bench/pluralistic.ts times ours: net_E on the visible
pixels, then net_G on the prior's mean, official widths (ngf 32, z_nc 128, img_f 128), random
weights, 256x256, batch 1, no grad. Prints {"timesMs": [...]}.
"""
import argparse
import json
import sys
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--official", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    sys.path.insert(0, args.official)
    from model import network

    torch.manual_seed(0)
    E = network.define_e(ngf=32, z_nc=128, img_f=128, layers=5, norm="none", activation="LeakyReLU", init_type="orthogonal").eval()
    G = network.define_g(ngf=32, z_nc=128, img_f=128, L=0, layers=5, output_scale=4, norm="instance", activation="LeakyReLU", init_type="orthogonal").eval()
    img = torch.rand(1, 3, 256, 256) * 2 - 1
    mask = torch.ones(1, 1, 256, 256)
    mask[:, :, 64:192, 64:192] = 0

    def call():
        with torch.no_grad():
            distribution, f = E(img * mask)
            scale_mask = torch.nn.functional.interpolate(mask, size=[f[2].size(2), f[2].size(3)], mode="bilinear", align_corners=True)
            results, _ = G(distribution[-1][0], f_m=f[-1], f_e=f[2], mask=scale_mask)
            return (1 - mask) * results[-1] + mask * img

    call()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"timesMs": times}))


if __name__ == "__main__":
    main()
