"""Reference side of bench/internal.ts: one DIP-Vid-Flow optimisation step of the official code
(IL_video_inpainting, the checkout given by --official: its EncoderDecoder2D and warp_torch) at
the official size: batch 5 of 192x384 noise maps, depth 6, 3 + 12 output channels (strides 1,3,5),
the recon_image, recon_flow and consistency terms of InpaintingTest.optimize_params on a forward
flow type (no perceptual: no VGG file here), backward, Adam lr 1e-2. --mode forward: the
generation pass (training-mode batch norm, no grad). Prints one JSON line: {"timesMs": [...]}.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--official', required=True)
    parser.add_argument('--mode', choices=['forward', 'train-step'], default='train-step')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--threads', type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    sys.path.insert(0, args.official + '/src')
    grid_sample = F.grid_sample
    F.grid_sample = lambda x, g, *a, **k: grid_sample(x, g, *a, **{**k, 'align_corners': True})
    from models.encoder_decoder_2d import EncoderDecoder2D
    from utils import warp_torch

    torch.manual_seed(0)
    net = EncoderDecoder2D(1, 15, [16, 32, 64, 128, 128, 128], [16, 32, 64, 128, 128, 128], [4] * 6, 5, 3, 1,
                           upsample_mode='nearest', downsample_mode='stride', need1x1_up=True, need_sigmoid=True,
                           need_bias=True, pad='reflection', act_fun='LeakyReLU')
    noise = torch.rand(5, 1, 192, 384) * 0.1
    img = torch.rand(5, 3, 192, 384)
    mask = torch.zeros(5, 1, 192, 384)
    mask[:, :, 60:120, 150:250] = 1
    flow = torch.randn(4, 3, 192, 384)
    flow[:, 2] = 1
    mask_flow = mask[:4]
    fmax = 5.0
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
    mse = torch.nn.MSELoss()

    def step():
        out = net(noise)
        out_img, out_flow = out[:, :3], out[:-1, 3:5]
        loss = mse(out_img * (1 - mask), img * (1 - mask))
        inv = (1 - mask_flow) * flow[:, 2:3]
        loss = loss + 0.1 * mse(out_flow * inv, flow[:, :2] * inv / fmax)
        warped, inside = warp_torch(out_img[1:], out_flow * fmax)
        m = mask_flow * inside.detach()
        loss = loss + mse(warped * m, out_img[:-1].detach() * m)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    def forward():
        with torch.no_grad():
            net(noise)

    call = step if args.mode == 'train-step' else forward
    call()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({'timesMs': times}))


if __name__ == '__main__':
    main()
