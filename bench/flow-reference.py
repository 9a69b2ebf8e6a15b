#!/usr/bin/python3
"""OpenCV's DIS optical flow on frame pairs, for bench/flow.ts.

  flow-reference.py LIST OUTDIR PRESET

LIST: a text file, one "FROM.png TO.png" pair per line. Writes OUTDIR/NNN.f32 (float32, H x W x 2,
the flow from FROM to TO) and prints JSON {"ms": [...]} with the time of each calc() call.
"""
import json, sys, time
import cv2, numpy as np


def main():
    pairs = [line.split() for line in open(sys.argv[1]) if line.strip()]
    out, preset = sys.argv[2], sys.argv[3]
    cv2.setNumThreads(1)
    dis = cv2.DISOpticalFlow_create(getattr(cv2, f"DISOPTICAL_FLOW_PRESET_{preset.upper()}"))
    ms = []
    for k, (a, b) in enumerate(pairs):
        g0 = cv2.cvtColor(cv2.imread(a), cv2.COLOR_BGR2GRAY)
        g1 = cv2.cvtColor(cv2.imread(b), cv2.COLOR_BGR2GRAY)
        dis.calc(g0, g1, None)  # warm-up
        t = time.perf_counter()
        flow = dis.calc(g0, g1, None)
        ms.append((time.perf_counter() - t) * 1000)
        flow.astype(np.float32).tofile(f"{out}/{k:03d}.f32")
    print(json.dumps({"ms": ms}))


main()
