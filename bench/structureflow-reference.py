"""The reference side of bench/structureflow.ts: StructureFlow's official test computation, timed.

Reads the photo, mask and structure image the bench wrote, then per run the official StructureGen
and FlowGen (from a checkout of RenYurui/StructureFlow given by --official, the parameters of
src/models.py, random weights; the CUDA op replaced by the pure-torch Gaussian sampling of
test/fixtures/models/structureflow/official.py, since it cannot run here) in eval mode under
no_grad, and the merge, as src/structure_flow.py `test` runs them. With --octave, instead times
the structure image: the checkout's MATLAB tsmooth in GNU Octave on the damaged photo. One untimed
warm-up run. Prints {"timesMs": [...]} as JSON.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import torch
from PIL import Image

parser = argparse.ArgumentParser()
parser.add_argument('--official', required=True)
parser.add_argument('--photo', required=True)
parser.add_argument('--mask', required=True)
parser.add_argument('--structure', required=True)
parser.add_argument('--runs', type=int, default=3)
parser.add_argument('--octave', action='store_true')
args = parser.parse_args()

if args.octave:
    code = os.path.join(args.official, 'scripts', 'matlab', 'code')
    script = f"""pkg load image; addpath('{code}');
photo = imread('{args.photo}'); mask = double(imread('{args.mask}') > 0);
S = tsmooth(photo .* uint8(1 - mask), 0.015, 3, 0.001, 3, mask);
times = zeros(1, {args.runs});
for i = 1:{args.runs}
  t = tic; S = tsmooth(photo .* uint8(1 - mask), 0.015, 3, 0.001, 3, mask); times(i) = toc(t) * 1000;
end
printf('%s\\n', mat2str(times));"""
    out = subprocess.run(['octave', '--no-gui', '--eval', script], capture_output=True, text=True, check=True).stdout
    print(json.dumps({'timesMs': [float(v) for v in out.strip().splitlines()[-1].strip('[]').split()]}))
    sys.exit(0)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'models', 'structureflow'))
from official import import_network  # noqa: E402
from seeded_weights import FLOW_PARAM, STRUCTURE_PARAM  # noqa: E402

network = import_network(args.official)
torch.manual_seed(0)
s_gen = network.StructureGen(**STRUCTURE_PARAM).eval()
f_gen = network.FlowGen(**FLOW_PARAM).eval()


def tensor(path):
    return torch.from_numpy(np.array(Image.open(path).convert('RGB'))).permute(2, 0, 1)[None].float() / 255 * 2 - 1


gts, smooths = tensor(args.photo), tensor(args.structure)
maps = torch.from_numpy((np.array(Image.open(args.mask).convert('L')) > 0).astype(np.float32))[None, None]


def run():
    with torch.no_grad():
        inputs = gts * (1 - maps)
        stage_1 = s_gen(torch.cat((inputs, smooths * (1 - maps), maps), dim=1))
        outputs, _ = f_gen(torch.cat((inputs, stage_1, maps), dim=1))
        return ((outputs * maps + gts * (1 - maps) + 1) / 2).clamp(0, 1) * 255


run()
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    run()
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'timesMs': times}))
