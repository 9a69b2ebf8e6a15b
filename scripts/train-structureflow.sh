#!/usr/bin/env bash
# A short StructureFlow training run on the Debian wallpaper photos (scripts/training-photos.sh):
# the structure stage (official model 1), then the flow stage (model 2) started from it, so that
# $OUT/flow/generator.safetensors holds both generators (what --weights takes). 64x64 crops,
# narrow generators (dim 16, one residual block), batch 4, official optimiser settings. The flow
# stage's sampling-correctness term needs torchvision's vgg19-dcbb9e9d.pth in the weights folder;
# OFF=correctness (the default here) leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out/structureflow-64}
MINUTES=${MINUTES:-4}
OFF=${OFF-correctness}
source scripts/training-photos.sh

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

common=(--images "$PHOTOS" --set size=64 --set batch=4 --set dim=16 --set residualBlocks=1 --seed 1
  --minutes "$MINUTES" --checkpoint-every 20 --log-every 5)
nice -n 10 node dist/src/cli/main.js train --model structureflow --out "$OUT/structure" --set stage=structure "${common[@]}"
nice -n 10 node dist/src/cli/main.js train --model structureflow --out "$OUT/flow" --set stage=flow \
  --set from="$OUT/structure/generator.safetensors" --set off="$OFF" "${common[@]}"
