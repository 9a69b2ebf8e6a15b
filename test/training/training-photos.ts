import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** Writes `count` smooth, distinct width x height PNG photos into folder (created if missing). */
export async function writeTrainingPhotos(folder: string, count: number, width = 80, height = 72): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (let n = 0; n < count; n++) {
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const x = i % width;
      const y = Math.floor(i / width);
      rgb[i * 3] = 128 + 100 * Math.sin(x / 5 + 2 * n);
      rgb[i * 3 + 1] = 128 + 100 * Math.cos(y / 7 + n);
      rgb[i * 3 + 2] = (x * y + 40 * n) % 256;
    }
    await writeFile(join(folder, `photo-${n}.png`), await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer());
  }
}
