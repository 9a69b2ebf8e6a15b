#!/usr/bin/env bash
# The pconv training run behind src/models/pconv/README.md: 128x128 crops of photos that Debian's
# wallpaper packages ship (lomiri-wallpapers-16.04/-20.04, ukui-wallpapers; none of them is used
# by the evaluation set), naoto0804's PConvUNet (7 layers) at width 16 instead of 64, batch 4,
# lr 2e-4, capped in wall time, at low priority on a shared machine. Without torchvision's
# vgg16-397923af.pth in the weights folder (VGG=path gives it) the prc and style terms are off.
#
#   bash scripts/train-pconv.sh                 # MINUTES=15 OUT=out/pconv-128 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method pconv --weights out/pconv-128/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/pconv-photos}
OUT=${OUT:-out/pconv-128}
MINUTES=${MINUTES:-15}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

LOSS_FLAGS=(--set off=prc,style)
if [ -n "${VGG:-}" ]; then LOSS_FLAGS=(--set "vgg=$VGG"); fi

nice -n 10 node dist/src/cli/main.js train --model pconv --images "$PHOTOS" --out "$OUT" \
  --set size=128 --set batch=4 --set width=16 --set lr=2e-4 "${LOSS_FLAGS[@]}" --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 25 ${RESUME:+--resume}
