#!/usr/bin/env bash
# The PRVS training recipe behind the run reported in src/models/prvs/README.md: 64x64 crops of
# photos that Debian's wallpaper packages ship (scripts/training-photos.sh; none of them is used by
# the evaluation set), 6 encoder halvings and deep widths 16/32/64 (the
# official 8 and 128/256/512), batch 4, capped in wall time, at low priority on a shared machine.
# Without torchvision's vgg16-397923af.pth in the weights folder (VGG=path to give one) the
# perceptual and style terms are turned off.
#
#   bash scripts/train-prvs.sh                 # MINUTES=14 OUT=out/prvs-64 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method prvs --weights out/prvs-64/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/prvs-64}
MINUTES=${MINUTES:-14}

source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

if [ -n "${VGG:-}" ]; then LOSS=(--set "vgg=$VGG"); else LOSS=(--set off=perceptual,style); fi
nice -n 10 node dist/src/cli/main.js train --model prvs --images "$PHOTOS" --out "$OUT" \
  --set size=64 --set batch=4 --set layerSize=6 --set width=64 "${LOSS[@]}" --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 5 ${RESUME:+--resume}
