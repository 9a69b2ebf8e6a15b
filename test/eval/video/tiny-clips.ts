import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const CLIP_SIZE = 24;

/** Frame t of a clip: a textured gradient that drifts one pixel a frame (RGB bytes). */
export function clipFrame(t: number, seed: number, size = CLIP_SIZE): Uint8Array {
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3, xs = x - t;
      rgb[i] = (xs * 9 + seed * 50 + 256) & 255;
      rgb[i + 1] = (y * 8 + ((xs * y + seed) & 7) * 6 + 256) & 255;
      rgb[i + 2] = (((xs ^ y) & 15) * 12 + seed * 70 + 256) & 255;
    }
  }
  return rgb;
}

/** Mask t (255 = hole): a box a quarter of the frame wide that moves right a pixel or two a frame. */
export function clipMask(t: number, size = CLIP_SIZE): Uint8Array {
  const grey = new Uint8Array(size * size);
  const side = size >> 2, x0 = (size >> 3) + ((2 * t) % (size - side - (size >> 3)));
  for (let y = size >> 2; y < (size >> 2) + side; y++) grey.fill(255, y * size + x0, y * size + x0 + side);
  return grey;
}

/**
 * A video benchmark folder of `size` x `size` clips: video/NAME/{frames,masks}/0000t.png, with
 * `frames` frames and as many masks unless `masks` says otherwise. Returns the data folder.
 */
export async function makeTinyVideoData(clips: { name: string; frames: number; masks?: number }[], size = CLIP_SIZE): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'inpaint-video-eval-'));
  for (const [seed, clip] of clips.entries()) {
    const frames = join(dataDir, 'video', clip.name, 'frames');
    const masks = join(dataDir, 'video', clip.name, 'masks');
    await mkdir(frames, { recursive: true });
    await mkdir(masks, { recursive: true });
    for (let t = 0; t < clip.frames; t++) {
      const name = `${String(t).padStart(5, '0')}.png`;
      await sharp(clipFrame(t, seed, size), { raw: { width: size, height: size, channels: 3 } }).png().toFile(join(frames, name));
    }
    for (let t = 0; t < (clip.masks ?? clip.frames); t++) {
      const name = `${String(t).padStart(5, '0')}.png`;
      await sharp(clipMask(t, size), { raw: { width: size, height: size, channels: 1 } }).png().toFile(join(masks, name));
    }
  }
  return dataDir;
}
