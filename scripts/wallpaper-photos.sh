#!/usr/bin/env bash
# The training photos of the scripts/train-*.sh runs: a folder ($1) of links to every photo that
# Debian's lomiri-wallpapers-16.04, lomiri-wallpapers-20.04 and ukui-wallpapers ship (installed
# if missing). None of them is in the evaluation set.
set -euo pipefail
PHOTOS=$1
PACKAGES=(lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers)

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
