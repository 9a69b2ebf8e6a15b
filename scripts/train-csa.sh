#!/usr/bin/env bash
# A short CSA training run on the Debian wallpaper photos (scripts/training-photos.sh): 256x256
# crops, batch 1 (the official code's), narrower networks (ngf 16, ndf 32) than the official 64,
# the VGG16 terms off (netF and the consistency losses: torchvision's VGG16 file is not here).
# OUT=... MINUTES=... RESUME=1 scripts/train-csa.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/csa-photos}
OUT=${OUT:-out/csa-256}
MINUTES=${MINUTES:-8}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model csa --images "$PHOTOS" --out "$OUT" \
  --set ngf=16 --set ndf=32 --set off=feature,consistency --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 10 --log-every 5 ${RESUME:+--resume}
