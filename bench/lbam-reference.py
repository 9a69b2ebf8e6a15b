"""The python3-torch side of bench/lbam.ts: the official LBAMModel(4, 3) (Vious/LBAM_Pytorch,
a checkout given by --official), random weights, on 1x4x256x256 with a centre-square hole, forward
under no_grad. Prints {"timesMs": [...]} for --runs timed calls after one warm-up.
"""
import argparse
import json
import sys
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--runs', type=int, default=3)
parser.add_argument('--threads', type=int, default=2)
args = parser.parse_args()
sys.path.insert(0, args.official)
from models.LBAMModel import LBAMModel  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)
net = LBAMModel(4, 3).eval()
mask = torch.ones(1, 3, 256, 256)
mask[:, :, 64:192, 64:192] = 0
image = torch.rand(1, 3, 256, 256)
x = torch.cat([image * mask, mask[:, :1]], 1)
times = []
with torch.no_grad():
    net(x, mask)
    for _ in range(args.runs):
        start = time.perf_counter()
        net(x, mask)
        times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'timesMs': times}))
