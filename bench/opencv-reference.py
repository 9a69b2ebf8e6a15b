"""Times OpenCV's inpainting on inputs the image bench wrote, so both sides fill the same pixels.

    python3 opencv-reference.py METHOD LIST [--warmup]

METHOD: telea (cv2.inpaint, INPAINT_TELEA, radius 3) or fsr_fast (cv2.xphoto.inpaint, FSR_FAST).
LIST: a text file, one pair a line: IMAGE<TAB>MASK (PNG; the image's hole already grey, mask
255 = hole). --warmup runs the first pair once untimed. Prints one JSON object: the method, the
milliseconds of each call (time.perf_counter around the call only), and the peak resident memory
in MB before the first call (interpreter, OpenCV, decoded inputs) and at the end.
"""
import json
import resource
import sys
import time

import cv2
import numpy as np


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KB


def inpaint(method, image, hole):
    if method == "telea":
        return cv2.inpaint(image, hole, 3, cv2.INPAINT_TELEA)
    if method == "fsr_fast":
        out = np.zeros_like(image)
        # xphoto's mask is the other way round: non-zero = known.
        cv2.xphoto.inpaint(image, 255 - hole, out, cv2.xphoto.INPAINT_FSR_FAST)
        return out
    raise SystemExit(f"unknown method {method!r}: expected telea or fsr_fast")


def main():
    method, list_path = sys.argv[1], sys.argv[2]
    pairs = []
    with open(list_path) as f:
        for line in f:
            if line.strip():
                image_path, mask_path = line.rstrip("\n").split("\t")
                image = cv2.imread(image_path, cv2.IMREAD_COLOR)
                hole = (cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE) > 127).astype(np.uint8) * 255
                pairs.append((image, hole))
    rss_before = peak_rss_mb()
    if "--warmup" in sys.argv[3:]:
        inpaint(method, *pairs[0])
    ms = []
    for image, hole in pairs:
        start = time.perf_counter()
        inpaint(method, image, hole)
        ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"method": method, "ms": ms, "rssBeforeMB": rss_before, "peakRssMB": peak_rss_mb()}))


main()
