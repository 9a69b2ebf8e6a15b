#!/usr/bin/env bash
# The EdgeConnect training recipe behind the run reported in src/models/edgeconnect/README.md:
# both official stages in turn, on 64x64 crops of the Debian wallpaper photos
# (scripts/training-photos.sh), 2 residual blocks per generator instead of 8, batch 4, each stage
# capped in wall time, at low priority on a shared machine. The inpainting stage starts from the
# edge stage's file, so its generator.safetensors holds both trained generators (--weights takes it).
# Without torchvision's vgg19-dcbb9e9d.pth in the weights folder, the perceptual and style terms
# are left out (OFF=); with it, set OFF= to an empty value to train with them.
#
#   bash scripts/train-edgeconnect.sh            # MINUTES=7 per stage, OUT=out/edgeconnect-64
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method edgeconnect --weights out/edgeconnect-64/inpaint/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/edgeconnect-64}
MINUTES=${MINUTES:-7}
OFF=${OFF-perceptual,style}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

common=(--images "$PHOTOS" --set size=64 --set batch=4 --set residualBlocks=2 --seed 1
  --minutes "$MINUTES" --checkpoint-every 20 --log-every 10)
nice -n 10 node dist/src/cli/main.js train --model edgeconnect --out "$OUT/edge" --set stage=edge "${common[@]}"
nice -n 10 node dist/src/cli/main.js train --model edgeconnect --out "$OUT/inpaint" --set stage=inpaint \
  --set from="$OUT/edge/generator.safetensors" --set off="$OFF" "${common[@]}"
