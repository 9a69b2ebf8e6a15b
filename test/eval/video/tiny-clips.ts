import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const CLIP_SIZE = 24;

/** Frame t of a clip: a textured gradient that drifts one pixel a frame (RGB bytes). */
export function clipFrame(t: number, seed: number): Uint8Array {
  const rgb = new Uint8Array(CLIP_SIZE * CLIP_SIZE * 3);
  for (let y = 0; y < CLIP_SIZE; y++) {
    for (let x = 0; x < CLIP_SIZE; x++) {
      const i = (y * CLIP_SIZE + x) * 3, xs = x - t;
      rgb[i] = (xs * 9 + seed * 50 + 256) & 255;
      rgb[i + 1] = (y * 8 + ((xs * y + seed) & 7) * 6 + 256) & 255;
      rgb[i + 2] = (((xs ^ y) & 15) * 12 + seed * 70 + 256) & 255;
    }
  }
  return rgb;
}

/** Mask t (255 = hole): a 6x6 box that moves two pixels right a frame. */
export function clipMask(t: number): Uint8Array {
  const grey = new Uint8Array(CLIP_SIZE * CLIP_SIZE);
  for (let y = 8; y < 14; y++) grey.fill(255, y * CLIP_SIZE + 4 + 2 * t, y * CLIP_SIZE + 10 + 2 * t);
  return grey;
}

/**
 * A video benchmark folder: video/NAME/{frames,masks}/0000t.png for each clip, with `frames[i]`
 * frames and masks for clip `names[i]`, unless `masks` says otherwise. Returns the data folder.
 */
export async function makeTinyVideoData(clips: { name: string; frames: number; masks?: number }[]): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'inpaint-video-eval-'));
  for (const [seed, clip] of clips.entries()) {
    const frames = join(dataDir, 'video', clip.name, 'frames');
    const masks = join(dataDir, 'video', clip.name, 'masks');
    await mkdir(frames, { recursive: true });
    await mkdir(masks, { recursive: true });
    for (let t = 0; t < clip.frames; t++) {
      const name = `${String(t).padStart(5, '0')}.png`;
      await sharp(clipFrame(t, seed), { raw: { width: CLIP_SIZE, height: CLIP_SIZE, channels: 3 } }).png().toFile(join(frames, name));
    }
    for (let t = 0; t < (clip.masks ?? clip.frames); t++) {
      const name = `${String(t).padStart(5, '0')}.png`;
      await sharp(clipMask(t), { raw: { width: CLIP_SIZE, height: CLIP_SIZE, channels: 1 } }).png().toFile(join(masks, name));
    }
  }
  return dataDir;
}
