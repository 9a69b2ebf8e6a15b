"""The official CSA networks (a KumapowerLIU/CSA-inpainting checkout given by --official, patched
for the CPU by test/fixtures/models/csa/official.py) timed as bench/csa.ts times ours: netP then
netG (ngf 64, random weights, consistency layers skipped: they only compute a loss), 256x256 with
the official centre hole, batch 1, no grad; and the CSA layer alone on netG's 512 x 32 x 32
features. Prints {"pipelineMs": [...], "layerMs": [...]}.
"""
import argparse
import json
import os
import sys
import time
import types

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "models", "csa"))
from official import import_official  # noqa: E402


def centre_mask():
    mask = torch.zeros(1, 1, 256, 256, dtype=torch.uint8)
    mask[:, :, 68:188, 68:188] = 1  # fineSize/4 + overlap .. 3 fineSize/4 - overlap
    return mask


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--official", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    import_official(args.official)
    from models import networks
    from models.CSA_model import CSA_model

    opt = types.SimpleNamespace(threshold=5 / 16, fixed_mask=1, shift_sz=1, stride=1, mask_thred=1, triple_weight=1, strength=1, skip=1)
    mask = centre_mask()
    torch.manual_seed(0)
    net_g = networks.define_G(6, 3, 64, "unet_csa", opt, mask, "instance")[0]
    net_p = networks.define_G(3, 3, 64, "unet_256", opt, mask, "instance")[0]
    image = torch.rand(1, 3, 256, 256) * 2 - 1
    hole = mask.expand(1, 3, 256, 256).bool()

    def pipeline():
        with torch.no_grad():
            rough = net_p(image)
            known = image.masked_fill(hole, 0)
            return net_g(torch.cat([torch.where(hole, rough, image), known], 1))

    layer = CSA_model(5 / 16, 0)
    layer.set_mask(mask, 3, 5 / 16)
    features = torch.randn(1, 512, 32, 32) + 2

    def attention():
        with torch.no_grad():
            return layer(features)

    result = {}
    for name, call in (("pipelineMs", pipeline), ("layerMs", attention)):
        call()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        result[name] = times
    print(json.dumps(result))


if __name__ == "__main__":
    main()
