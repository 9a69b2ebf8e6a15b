#!/usr/bin/env bash
# The FFVI training recipe behind the run reported in src/models/ffvi/README.md: clips of 5 frames
# of 64x64, each a camera pan over one photo that Debian's wallpaper packages ship (lomiri-
# wallpapers-16.04/-20.04, ukui-wallpapers; none of them is used by the evaluation set), with
# moving free-form holes; a reduced width (generator nf 4, T-PatchGAN 4), batch 1, lr 1e-3 (ten
# times the official, for a run of minutes), the VGG terms off (torchvision's VGG16 cannot be
# downloaded here), capped in wall time, at low priority on a shared machine.
#
#   bash scripts/train-ffvi.sh                 # MINUTES=10 OUT=out/ffvi-64 by default
#   MINUTES=10 RESUME=1 bash scripts/train-ffvi.sh
#
# Then: node dist/src/cli/main.js eval --video --data ../shared/data --method ffvi --weights out/ffvi-64/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/ffvi-64}
MINUTES=${MINUTES:-10}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model ffvi --images "$PHOTOS" --out "$OUT" \
  --set size=64 --set frames=5 --set batch=1 --set nf=4 --set dNf=4 --set lr=1e-3 --set off=vgg,style --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 10 --log-every 10 ${RESUME:+--resume}
