import { createImage, type Image, type Mask } from '../src/core/image.js';

/**
 * One picture of several clips: a row per clip, `columns` frames spread over it, each with the
 * tracked mask's outline in red and the true mask's in green (yellow where they agree).
 */
export function outlineStrip(clips: readonly { frames: readonly Image[]; tracked: readonly Mask[]; truth: readonly Mask[] }[], columns: number): Image {
  const { width: w, height: h } = clips[0].frames[0];
  const gap = 4;
  const width = columns * w + (columns - 1) * gap, height = clips.length * h + (clips.length - 1) * gap;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  clips.forEach((clip, row) => {
    for (let c = 0; c < columns; c++) {
      const t = Math.round((c * (clip.frames.length - 1)) / (columns - 1));
      const frame = clip.frames[t];
      const ox = c * (w + gap), oy = row * (h + gap);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const i = y * w + x, o = 3 * ((oy + y) * width + ox + x);
          const red = onEdge(clip.tracked[t], x, y), green = onEdge(clip.truth[t], x, y);
          if (red || green) {
            rgb[o] = red ? 255 : 0;
            rgb[o + 1] = green ? 255 : 0;
            rgb[o + 2] = 0;
          } else {
            rgb.set(frame.rgb.subarray(3 * i, 3 * i + 3), o);
          }
        }
      }
    }
  });
  return createImage(width, height, rgb);
}

/** Whether (x, y) is in the mask and a 4-neighbour is not (or is off the picture). */
function onEdge(mask: Mask, x: number, y: number): boolean {
  const { width: w, height: h, data } = mask;
  if (!data[y * w + x]) return false;
  return x === 0 || y === 0 || x === w - 1 || y === h - 1 || !data[y * w + x - 1] || !data[y * w + x + 1] || !data[(y - 1) * w + x] || !data[(y + 1) * w + x];
}
