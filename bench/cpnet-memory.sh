#!/bin/sh
# Resident memory of `inpaint video --method cpnet` against the clip's length: generated clips
# (inpaint masks --video's drifting strokes over a panning texture, FRAMES frames at 424x240)
# through small random weights (CPNet of width 8: the windowing and the frames held are the
# product's, the network's arithmetic is small). Prints frames and maximum resident set (KiB) per
# clip length; flat in the length means one window at a time.
#   npx tsc -p tsconfig.build.json && sh bench/cpnet-memory.sh 16 48 96
set -e
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node --input-type=module -e "
import { CPNet } from './dist/src/models/cpnet/cpnet.js';
import { manualSeed, saveSafetensors } from './dist/src/torch/index.js';
manualSeed(0);
await saveSafetensors('$work/cpnet-small.safetensors', new CPNet(8).stateDict());
"
for frames in "$@"; do
  node --input-type=module -e "
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
mkdirSync('$work/clip$frames/frames', { recursive: true });
mkdirSync('$work/clip$frames/masks', { recursive: true });
const W = 424, H = 240;
for (let f = 0; f < $frames; f++) {
  const rgb = Buffer.alloc(W * H * 3).map((_, i) => { const p = Math.floor(i / 3); return Math.round(127 + 100 * Math.sin(((p % W) + 3 * f) / 17 + (i % 3)) * Math.cos(Math.floor(p / W) / 23)); });
  const hole = Buffer.alloc(W * H).map((_, p) => { const dx = ((p % W) - 100 - 2 * f % 200) / 50, dy = (Math.floor(p / W) - 120) / 40; return dx * dx + dy * dy < 1 ? 255 : 0; });
  const name = String(f).padStart(5, '0') + '.png';
  await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toFile('$work/clip$frames/frames/' + name);
  await sharp(hole, { raw: { width: W, height: H, channels: 1 } }).png().toFile('$work/clip$frames/masks/' + name);
}
"
  /usr/bin/time -f "$frames frames: %M KiB max resident, %e s" node dist/src/cli/main.js video "$work/clip$frames/frames" \
    --mask "$work/clip$frames/masks" -o "$work/out$frames" --method cpnet --weights "$work/cpnet-small.safetensors" 2>&1 | tail -1
done
