#!/usr/bin/env bash
# The GLCIC training run reported in src/models/glcic/README.md: 128x128 crops of the photos
# Debian's wallpaper packages ship (not used by the evaluation set), a reduced width (completion
# network 16, discriminators 16), batch 4, capped in wall time, at low priority.
#
#   bash scripts/train-glcic.sh                  # MINUTES=15 OUT=out/glcic-128 by default
#
# Then: node dist/src/cli/main.js eval --data ../shared/data --method glcic --weights out/glcic-128/generator.safetensors
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers)
PHOTOS=${PHOTOS:-out/glcic-photos}
OUT=${OUT:-out/glcic-128}
MINUTES=${MINUTES:-15}

for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || apt-get install -y --no-install-recommends "$package"
done
mkdir -p "$PHOTOS"
for package in "${PACKAGES[@]}"; do
  dpkg -L "$package" | grep -iE '\.(jpe?g|png)$' | while read -r file; do ln -sf "$file" "$PHOTOS/$(basename "$file")"; done
done
echo "training photos: $(ls "$PHOTOS" | wc -l) in $PHOTOS"

[ -f dist/src/cli/main.js ] || npx tsc -p tsconfig.build.json

nice -n 10 node dist/src/cli/main.js train --model glcic --images "$PHOTOS" --out "$OUT" \
  --set size=128 --set batch=4 --set width=16 --set dWidth=16 --set lr=2e-4 --seed 1 \
  --minutes "$MINUTES" --checkpoint-every 25 --log-every 25 ${RESUME:+--resume}
