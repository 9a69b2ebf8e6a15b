#!/usr/bin/env bash
# The CPNet training recipe behind the run reported in src/models/cpnet/README.md: clips made by
# the shared loop from photos that Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04,
# ukui-wallpapers; none of them is used by the evaluation set), a panning crop window per clip,
# 5 frames (the middle one the target), 96x96, a reduced width (16), batch 2, the VGG terms off
# (torchvision's vgg16-397923af.pth is not on this machine), capped in wall time, at low priority.
#
#   bash scripts/train-cpnet.sh                 # MINUTES=10 OUT=out/cpnet-96 by default
#   MINUTES=10 RESUME=1 bash scripts/train-cpnet.sh
#
# Then: node dist/src/cli/main.js eval --video --data ../shared/data --method cpnet --weights out/cpnet-96/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/training-photos}
OUT=${OUT:-out/cpnet-96}
MINUTES=${MINUTES:-10}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model cpnet --images "$PHOTOS" --out "$OUT" \
  --set size=96 --set batch=2 --set frames=5 --set width=16 --set lr=3e-4 --set off=prc,style --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 10 --log-every 10 ${RESUME:+--resume}
