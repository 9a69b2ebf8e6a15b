"""The reference side of bench/cpnet.ts: the official CPNet_test.py, timed, on the clip the bench
wrote (frames/NNNNN.png, masks/NNNNN.png, white = hole, already 424x240: the official reader's
resize leaves them as they are), run as the fixture runs it (test/fixtures/models/cpnet/
official_cpu.py: CPU, align_corners=True, the reader's dilation off, PNG output), with random
weights at the official size saved as weight.pth. The time is the whole script's: reading the
frames and the weights (about a second), the two passes, writing the frames. Prints
{"timesMs": [...]} as JSON on its last line (the official script prints before it).
"""
import argparse
import json
import os
import shutil
import sys
import time

import numpy as np
import torch
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'test', 'fixtures', 'models', 'cpnet'))
from official_cpu import prepare, run_test_script, test_script_folder  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--clip', required=True)
parser.add_argument('--runs', type=int, default=1)
parser.add_argument('--threads', type=int, default=1)
args = parser.parse_args()
torch.set_num_threads(args.threads)
official = os.path.abspath(args.official)
CPNet = prepare(official)

names = sorted(os.listdir(os.path.join(args.clip, 'frames')))
frames = [np.array(Image.open(os.path.join(args.clip, 'frames', name)).convert('RGB')) for name in names]
holes = [np.array(Image.open(os.path.join(args.clip, 'masks', name)).convert('L')) > 127 for name in names]
torch.manual_seed(0)
scratch = test_script_folder(frames, holes, CPNet().state_dict())
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    run_test_script(official, scratch)
    times.append((time.perf_counter() - start) * 1000)
shutil.rmtree(scratch)
print(json.dumps({'timesMs': times}))
