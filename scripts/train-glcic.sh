#!/usr/bin/env bash
# The GLCIC training run reported in src/models/glcic/README.md: 128x128 crops of the photos
# Debian's wallpaper packages ship (scripts/training-photos.sh; none is in the evaluation set), a
# reduced width (completion network 16, discriminators 16), batch 4, capped in wall time, at low
# priority.
#
#   bash scripts/train-glcic.sh                  # MINUTES=15 OUT=out/glcic-128 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method glcic --weights out/glcic-128/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/glcic-128}
MINUTES=${MINUTES:-15}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model glcic --images "$PHOTOS" --out "$OUT" \
  --set size=128 --set batch=4 --set width=16 --set dWidth=16 --set lr=2e-4 --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 25 ${RESUME:+--resume}
