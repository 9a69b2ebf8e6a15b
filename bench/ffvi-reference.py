"""Reference side of bench/ffvi.ts: the official VideoInpaintingModel (src/model/, from the checkout
given by --official) as a released ICCV config builds it (3D gated convolutions, spectral norm, skip
connections, --nf), random weights, in evaluation mode under no_grad, on one window of --frames
frames at --width x --height with a centre hole (mask 1 = valid; input = frames x mask). Prints one
JSON line: {"timesMs": [...]}.
"""
import argparse
import json
import os
import sys
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--official', required=True)
    parser.add_argument('--nf', type=int, default=64)
    parser.add_argument('--frames', type=int, default=15)
    parser.add_argument('--width', type=int, default=432)
    parser.add_argument('--height', type=int, default=240)
    parser.add_argument('--runs', type=int, default=1)
    parser.add_argument('--threads', type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.join(args.official, 'src'))
    from model.video_inpainting_model import VideoInpaintingModel

    torch.manual_seed(0)
    opts = {'nf': args.nf, 'norm': 'SN', 'bias': True, 'conv_type': 'gated', 'conv_by': '3d',
            'use_skip_connection': True, 'spatial_discriminator': False, 'temporal_discriminator': False}
    model = VideoInpaintingModel(opts).eval()
    h, w = args.height, args.width
    frames = torch.rand(1, args.frames, 3, h, w)
    masks = torch.ones(1, args.frames, 1, h, w)
    masks[..., h // 4:3 * h // 4, w // 4:3 * w // 4] = 0

    def call():
        with torch.no_grad():
            model(frames * masks, masks)['outputs'].clamp(0, 1)

    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({'timesMs': times}))


if __name__ == '__main__':
    main()
