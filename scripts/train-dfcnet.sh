#!/usr/bin/env bash
# The DFC-Net (stage 1) training run reported in src/models/dfcnet/README.md: clips of 12 frames
# panned over photos that Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04,
# ukui-wallpapers; none is in the evaluation set), 64x64 (the network sees 32x32 flows), one
# bottleneck block per layer instead of ResNet-101's 3,4,23,3 (two shared cores), batch 4, SGD
# at 10x the official lr (no ImageNet start, minutes not days), capped in wall time, at low priority.
#
#   bash scripts/train-dfcnet.sh                   # MINUTES=9 OUT=out/dfcnet-64 by default
#
# Then: inpaint eval --video --data ../shared/data --method propagate --set flowSize=108 \
#         --set flowCompletion=dfc --weights out/dfcnet-64/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/dfcnet-photos}
OUT=${OUT:-out/dfcnet-64}
MINUTES=${MINUTES:-9}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model dfcnet --images "$PHOTOS" --out "$OUT" \
  --set size=64 --set batch=4 --set frames=12 --set blocks=1,1,1,1 --set lr=1e-3 --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 10 --log-every 5 ${RESUME:+--resume}
