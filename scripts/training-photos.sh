#!/usr/bin/env bash
# Sourced by the train-*.sh scripts: PHOTOS, a folder of links to every photo that Debian's
# lomiri-wallpapers-16.04/-20.04 and ukui-wallpapers ship (31 photos; none of them is in the
# evaluation set), installing the packages first when missing.
PACKAGES=(lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers)
PHOTOS=${PHOTOS:-out/training-photos}

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
