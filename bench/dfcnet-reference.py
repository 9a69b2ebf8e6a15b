"""The official DFC-Net (models/resnet_models.py Flow_Branch(33, 2), ResNet-101) forward in
python3-torch, timed: bench/dfcnet.ts's reference column. Prints {"timesMs": [...]} as JSON.

    /usr/bin/python3 bench/dfcnet-reference.py --official CHECKOUT --height 64 --width 112 --runs 3 --threads 2
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--height', type=int, default=64)
parser.add_argument('--width', type=int, default=112)
parser.add_argument('--runs', type=int, default=3)
parser.add_argument('--threads', type=int, default=2)
args = parser.parse_args()
torch.set_num_threads(args.threads)
# models/__init__.py imports FlowNet2's CUDA extensions: load resnet_models.py alone.
spec = importlib.util.spec_from_file_location('resnet_models', os.path.join(args.official, 'models', 'resnet_models.py'))
models = importlib.util.module_from_spec(spec)
spec.loader.exec_module(models)
sys.stdout = sys.stderr  # the official train() prints
net = models.Flow_Branch(33, 2)
net.eval()
sys.stdout = sys.__stdout__
x = torch.randn(1, 33, args.height, args.width)
times = []
with torch.no_grad():
    net(x)  # warm-up
    for _ in range(args.runs):
        start = time.perf_counter()
        net(x)
        times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'timesMs': times}))
