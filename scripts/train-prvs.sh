#!/usr/bin/env bash
# The PRVS training recipe behind the run reported in src/models/prvs/README.md: 64x64 crops of
# photos that Debian's wallpaper packages ship (lomiri-wallpapers-16.04/-20.04, ukui-wallpapers;
# none of them is used by the evaluation set), 6 encoder halvings and deep widths 16/32/64 (the
# official 8 and 128/256/512), batch 4, capped in wall time, at low priority on a shared machine.
# Without torchvision's vgg16-397923af.pth in the weights folder (VGG=path to give one) the
# perceptual and style terms are turned off.
#
#   bash scripts/train-prvs.sh                 # MINUTES=14 OUT=out/prvs-64 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method prvs --weights out/prvs-64/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers)
PHOTOS=${PHOTOS:-out/prvs-photos}
OUT=${OUT:-out/prvs-64}
MINUTES=${MINUTES:-14}

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

mkdir -p "$PHOTOS"
for package in "${PACKAGES[@]}"; do
  dpkg -L "$package" | grep -iE '\.(jpe?g|png)$' | while read -r file; do
    ln -sf "$file" "$PHOTOS/$(basename "$file")"
  done
done
echo "training photos: $(ls "$PHOTOS" | wc -l) in $PHOTOS"

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

if [ -n "${VGG:-}" ]; then LOSS=(--set "vgg=$VGG"); else LOSS=(--set off=perceptual,style); fi
nice -n 10 node dist/src/cli/main.js train --model prvs --images "$PHOTOS" --out "$OUT" \
  --set size=64 --set batch=4 --set layerSize=6 --set width=64 "${LOSS[@]}" --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 5 ${RESUME:+--resume}
