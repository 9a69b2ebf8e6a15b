import { readImage } from '../../src/io/read-image.js';
import { createImage, type Image } from '../../src/core/image.js';
import { movingObjectClip } from '../../bench/moving-object-clip.js';

/** Yellow and blue stripes with a fine grain: an object surface unlike the meadow. */
export function stripes(width: number, height: number): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const yellow = Math.floor((x + y) / 10) % 2 === 0;
      const grain = ((x * 31 + y * 17) % 13) - 6;
      const base = yellow ? [230, 200, 40] : [40, 60, 190];
      for (let c = 0; c < 3; c++) rgb[3 * (y * width + x) + c] = base[c] + grain;
    }
  }
  return createImage(width, height, rgb);
}

/** A small clip of a striped blob that moves right and grows over the project's meadow photo. */
export async function smallClip(frames = 8, width = 96, height = 72) {
  const background = await readImage('samples/meadow.jpg');
  return movingObjectClip({
    width,
    height,
    frames,
    background,
    texture: stripes(120, 120),
    lobes: 4,
    pan: { dx: 8, dy: 3 },
    from: { x: width * 0.3, y: height * 0.45, radius: height * 0.18 },
    to: { x: width * 0.65, y: height * 0.55, radius: height * 0.24 },
  });
}
