#!/usr/bin/env bash
# The LBAM training run reported in src/models/lbam/README.md: 256x256 crops (the two-column
# critic needs 256) of the photos Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04,
# ukui-wallpapers; none is used by the evaluation set), reduced widths (generator 16, critic 16),
# batch 2, capped in wall time, at low priority on a shared machine. The VGG16 terms are off:
# torchvision's vgg16 weights cannot be fetched here (VGG=1 keeps them on, with vgg16-397923af.pth
# in the weights folder).
#
#   bash scripts/train-lbam.sh                  # MINUTES=15 OUT=out/lbam-256 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method lbam --weights out/lbam-256/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/lbam-256}
MINUTES=${MINUTES:-15}

source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

if [ -n "${VGG:-}" ]; then terms=(); else terms=(--set off=perceptual,style); fi
nice -n 10 node dist/src/cli/main.js train --model lbam --images "$PHOTOS" --out "$OUT" \
  --set size=256 --set batch=2 --set width=16 --set dWidth=16 "${terms[@]}" --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 20 --log-every 10 ${RESUME:+--resume}
