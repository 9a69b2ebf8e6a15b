"""The reference side of bench/glcic.ts: the transcription of the official GLCIC inference
(test/fixtures/models/glcic/glcic_reference.py, width 64, random weights) on a 256x256 image with a
centre-square hole in python3-torch, and the official post-processing as inpaint.lua calls OpenCV
(cv2.inpaint Telea radius 1, then cv2.seamlessClone NORMAL_CLONE). Prints {"forwardMs": [...],
"postprocessMs": [...]} as JSON.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "test" / "fixtures" / "models" / "glcic"))
from glcic_reference import completion_network, network_input, randomise  # noqa: E402

SIZE = 256


def timed(runs, call):
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = randomise(completion_network(64), seed=0)
    image = torch.rand(3, SIZE, SIZE)
    mask = torch.zeros(1, SIZE, SIZE)
    mask[:, SIZE // 4:3 * SIZE // 4, SIZE // 4:3 * SIZE // 4] = 1
    x = network_input(image, mask, [0.456, 0.4472, 0.4155])
    with torch.no_grad():
        forward = timed(args.runs, lambda: model(x))
    src = (np.random.default_rng(0).random((SIZE, SIZE, 3)) * 255).astype(np.uint8)
    hole = (mask[0].numpy() * 255).astype(np.uint8)
    centre = (SIZE // 2 - 1, SIZE // 2 - 1)

    def postprocess():
        dst = cv2.inpaint(src, hole, 1, cv2.INPAINT_TELEA)
        cv2.seamlessClone(src, dst, hole, centre, cv2.NORMAL_CLONE)

    print(json.dumps({"forwardMs": forward, "postprocessMs": timed(args.runs, postprocess)}))


if __name__ == "__main__":
    main()
