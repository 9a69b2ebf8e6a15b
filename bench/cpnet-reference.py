"""The reference side of bench/cpnet.ts: the official CPNet_test.py, timed, on the clip the bench
wrote (frames/NNNNN.png, masks/NNNNN.png, white = hole, already 424x240: the official reader's
resize leaves them as they are). It runs as make_test_py_fixture.py runs it (official_cpu.py's
patches: CPU, align_corners=True; the reader's dilation off; PNG output; no ffmpeg), with random
weights at the official size saved as weight.pth. The time is the whole script's: reading the
frames and the weights (about a second), the two passes, writing the frames. Prints
{"timesMs": [...]} as JSON on its last line (the official script prints before it).
"""
import argparse
import json
import os
import runpy
import shutil
import sys
import tempfile
import time

import cv2
import numpy as np
import torch
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'test', 'fixtures', 'models', 'cpnet'))
from official_cpu import prepare  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--clip', required=True)
parser.add_argument('--runs', type=int, default=1)
parser.add_argument('--threads', type=int, default=1)
args = parser.parse_args()
torch.set_num_threads(args.threads)
official = os.path.abspath(args.official)
CPNet = prepare(official)

scratch = tempfile.mkdtemp(prefix='cpnet-bench-')
images = os.path.join(scratch, 'DAVIS_example', 'JPEGImages', '480p', 'clip')
annotations = os.path.join(scratch, 'DAVIS_example', 'Annotations', '480p', 'clip')
os.makedirs(images)
os.makedirs(annotations)
os.makedirs(os.path.join(scratch, 'DAVIS_example', 'ImageSets'))
with open(os.path.join(scratch, 'DAVIS_example', 'ImageSets', 'example.txt'), 'w') as f:
    f.write('clip\n')
for name in sorted(os.listdir(os.path.join(args.clip, 'frames'))):
    shutil.copy(os.path.join(args.clip, 'frames', name), os.path.join(images, name.replace('.png', '.jpg')))
    hole = np.array(Image.open(os.path.join(args.clip, 'masks', name)).convert('L')) > 127
    palette = Image.fromarray(hole.astype(np.uint8), mode='P')
    palette.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    palette.save(os.path.join(annotations, name))
os.makedirs(os.path.join(scratch, 'weight'))
torch.manual_seed(0)
torch.save({'module.' + k: v for k, v in CPNet().state_dict().items()}, os.path.join(scratch, 'weight', 'weight.pth'))

cv2.dilate = lambda mask, kernel, iterations=1: mask
os.system = lambda command: 0
save = Image.Image.save
Image.Image.save = lambda self, fp, *a, **k: save(self, fp.replace('.jpg', '.png'), format='PNG')
sys.argv = ['CPNet_test.py', '-g', '0', '-D', scratch]
sys.path.insert(0, official)
os.chdir(scratch)
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    runpy.run_path(os.path.join(official, 'CPNet_test.py'), run_name='__main__')
    times.append((time.perf_counter() - start) * 1000)
shutil.rmtree(scratch)
print(json.dumps({'timesMs': times}))
