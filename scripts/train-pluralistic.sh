#!/usr/bin/env bash
# The Pluralistic training recipe behind the run reported in src/models/pluralistic/README.md:
# 128x128 crops of photos that Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04,
# ukui-wallpapers; none of them is used by the evaluation set), reduced widths (ngf 16, z 64,
# img_f 64, ndf 16; official 32/128/128/32), batch 4, capped in wall time, at low priority.
#
#   bash scripts/train-pluralistic.sh              # MINUTES=12 OUT=out/pluralistic-128 by default
#   MINUTES=10 RESUME=1 bash scripts/train-pluralistic.sh
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method pluralistic --weights out/pluralistic-128/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PHOTOS=${PHOTOS:-out/pluralistic-photos}
OUT=${OUT:-out/pluralistic-128}
MINUTES=${MINUTES:-12}

source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model pluralistic --images "$PHOTOS" --out "$OUT" \
  --set size=128 --set batch=4 --set ngf=16 --set zChannels=64 --set imgF=64 --set ndf=16 --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 25 ${RESUME:+--resume}
