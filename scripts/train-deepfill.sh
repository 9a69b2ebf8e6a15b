#!/usr/bin/env bash
# The DeepFill v2 training recipe behind the run reported in src/models/deepfill/README.md:
# 128x128 crops of photos that Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04,
# ukui-wallpapers; none of them is used by the evaluation set), a reduced width (generator 16,
# discriminator 32), batch 4, capped in wall time, at low priority on a shared machine.
#
#   bash scripts/train-deepfill.sh                 # MINUTES=30 OUT=out/deepfill-128 by default
#   MINUTES=10 RESUME=1 bash scripts/train-deepfill.sh
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method deepfillv2 --weights out/deepfill-128/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/deepfill-photos}
OUT=${OUT:-out/deepfill-128}
MINUTES=${MINUTES:-30}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model deepfillv2 --images "$PHOTOS" --out "$OUT" \
  --set size=128 --set batch=4 --set cnum=16 --set dCnum=32 --set lr=2e-4 --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 25 ${RESUME:+--resume}
