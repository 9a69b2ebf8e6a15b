"""The python3-torch side of bench/prvs.ts: the official PRVSNet (modules/PRVSNet.py of a checkout
of jingyuanli001/PRVS-Image-Inpainting given by --official), random weights, evaluation mode,
forward under no_grad on a 256x256 image with a centre-square hole and random edges. Prints
{"timesMs": [...]} (one untimed warm-up first)."""
import argparse
import json
import sys
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--runs', type=int, default=3)
parser.add_argument('--threads', type=int, default=1)
parser.add_argument('--size', type=int, default=256)
args = parser.parse_args()
sys.path.insert(0, args.official)
from modules.PRVSNet import PRVSNet  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)
net = PRVSNet()
net.eval()  # PRVSNet.train (which eval calls) returns None
s = args.size
mask = torch.ones(1, 3, s, s)
mask[:, :, s // 4:3 * s // 4, s // 4:3 * s // 4] = 0
image = torch.rand(1, 3, s, s) * mask
edge = (torch.rand(1, 1, s, s) > 0.9).float() * mask[:, :1]
times = []
with torch.no_grad():
    for i in range(args.runs + 1):
        start = time.perf_counter()
        net(image, mask, edge)
        if i > 0:
            times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'timesMs': times}))
