"""The reference side of bench/edgeconnect.ts: EdgeConnect's official test computation, timed.

Reads the photo and mask the bench wrote, then per run: skimage's rgb2gray and Canny (sigma 2,
mask = known area), the official EdgeGenerator and InpaintGenerator (from a checkout of
knazeri/edge-connect given by --official, 8 residual blocks, random weights) in eval mode under
no_grad, and the merge, as src/edge_connect.py `test` runs them. One untimed warm-up run. Prints
{"timesMs": [...]} as JSON.
"""
import argparse
import json
import sys
import time

import numpy as np
import torch
from PIL import Image
from skimage.color import rgb2gray
from skimage.feature import canny

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--photo', required=True)
parser.add_argument('--mask', required=True)
parser.add_argument('--runs', type=int, default=5)
parser.add_argument('--threads', type=int, default=0)
args = parser.parse_args()
if args.threads > 0:
    torch.set_num_threads(args.threads)
sys.path.insert(0, args.official)
from src.networks import EdgeGenerator, InpaintGenerator  # noqa: E402

torch.manual_seed(0)
edge_model = EdgeGenerator(use_spectral_norm=True).eval()
inpaint_model = InpaintGenerator().eval()
photo = np.array(Image.open(args.photo).convert('RGB'))
hole = np.array(Image.open(args.mask).convert('L')) > 127


def run():
    gray = rgb2gray(photo)
    edges = canny(gray, sigma=2, mask=~hole)
    with torch.no_grad():
        images = torch.from_numpy(photo).permute(2, 0, 1)[None].float() / 255
        gray_t = torch.from_numpy(gray.astype(np.float32))[None, None]
        edges_t = torch.from_numpy(edges.astype(np.float32))[None, None]
        masks = torch.from_numpy(hole.astype(np.float32))[None, None]
        edge_in = torch.cat((gray_t * (1 - masks) + masks, edges_t * (1 - masks), masks), dim=1)
        predicted = edge_model(edge_in)
        outputs = inpaint_model(torch.cat((images * (1 - masks) + masks, predicted), dim=1))
        return (outputs * masks + images * (1 - masks)).mul(255).int()


run()
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    run()
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'timesMs': times}))
