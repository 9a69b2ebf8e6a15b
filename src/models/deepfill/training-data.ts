/**
 * Training batches for DeepFill v2: random size x size crops (random horizontal flips) of the
 * photos in a folder, and holes that are either masks from a folder (scaled to the crop, nearest)
 * or generated: free-form brush strokes, one time in four a rectangle (the port mixes boxes and
 * strokes too). Photos are decoded once and kept downscaled (shorter side at most 3 x size), so a
 * step costs no decoding.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { InvalidInputError } from '../../core/errors.js';
import type { Mask } from '../../core/image.js';
import { readMask } from '../../io/read-mask.js';
import { boxMask } from '../../masks/box.js';
import { freeFormMask } from '../../masks/free-form.js';
import { createRng, type Rng } from '../../masks/random.js';
import { tensor, type Tensor } from '../../torch/index.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff']);

interface Photo {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

export interface TrainingBatch {
  /** [B,3,S,S] in [-1, 1]. */
  readonly real: Tensor;
  /** [B,1,S,S], 1 = hole. */
  readonly mask: Tensor;
}

/** A photo of the folder that cannot be read, named. */
function undecodablePhoto(path: string, error: unknown): InvalidInputError {
  return new InvalidInputError(path, 'a training photo sharp can decode', error instanceof Error ? error.message : String(error), { cause: error });
}

export class TrainingData {
  private constructor(
    private readonly photos: readonly Photo[],
    private readonly masks: readonly Mask[] | undefined,
    private readonly size: number,
    private readonly rng: Rng,
  ) {}

  /** Reads every image of imagesDir (and masks of masksDir) once. */
  static async load(options: { imagesDir: string; masksDir?: string; size: number; seed: number }): Promise<TrainingData> {
    const { imagesDir, masksDir, size } = options;
    const photos: Photo[] = [];
    for (const name of await imageFiles(imagesDir)) {
      const path = join(imagesDir, name);
      const image = sharp(path).rotate().removeAlpha().toColourspace('srgb');
      const meta = await image.metadata().catch((error: unknown) => {
        throw undecodablePhoto(path, error);
      });
      const shorter = Math.min(meta.width ?? 0, meta.height ?? 0);
      if (shorter < size) continue;
      const scale = Math.min(1, (3 * size) / shorter);
      const { data, info } = await image
        .resize(Math.round((meta.width ?? 0) * scale), Math.round((meta.height ?? 0) * scale), { fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true })
        .catch((error: unknown) => {
          throw undecodablePhoto(path, error);
        });
      photos.push({ width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.length) });
    }
    if (photos.length === 0) {
      throw new InvalidInputError(imagesDir, `a folder of images at least ${size} pixels on each side`, 'none');
    }
    let masks: Mask[] | undefined;
    if (masksDir !== undefined) {
      masks = [];
      for (const name of await imageFiles(masksDir)) {
        masks.push(await readMask(join(masksDir, name), { size: { width: size, height: size }, resize: true }));
      }
      if (masks.length === 0) throw new InvalidInputError(masksDir, 'a folder of mask images', 'none');
    }
    return new TrainingData(photos, masks, size, createRng(options.seed));
  }

  get photoCount(): number {
    return this.photos.length;
  }

  /** A batch of crops and holes; the caller disposes the tensors. */
  next(batchSize: number): TrainingBatch {
    const s = this.size;
    const plane = s * s;
    const pixels = new Float32Array(batchSize * 3 * plane);
    const holes = new Float32Array(batchSize * plane);
    for (let b = 0; b < batchSize; b++) {
      const photo = this.photos[this.rng.int(0, this.photos.length - 1)];
      const x0 = this.rng.int(0, photo.width - s);
      const y0 = this.rng.int(0, photo.height - s);
      const flip = this.rng.next() < 0.5;
      for (let y = 0; y < s; y++) {
        for (let x = 0; x < s; x++) {
          const sx = x0 + (flip ? s - 1 - x : x);
          const source = ((y0 + y) * photo.width + sx) * 3;
          for (let c = 0; c < 3; c++) pixels[(b * 3 + c) * plane + y * s + x] = photo.rgb[source + c] / 127.5 - 1;
        }
      }
      const mask = this.nextMask();
      for (let i = 0; i < plane; i++) holes[b * plane + i] = mask.data[i] ? 1 : 0;
    }
    return { real: tensor(pixels, [batchSize, 3, s, s]), mask: tensor(holes, [batchSize, 1, s, s]) };
  }

  private nextMask(): Mask {
    if (this.masks) return this.masks[this.rng.int(0, this.masks.length - 1)];
    const options = { width: this.size, height: this.size, ratio: [0.1, 0.5] as [number, number], rng: this.rng };
    return this.rng.next() < 0.25 ? boxMask({ ...options, ratio: [0.1, 0.3] }) : freeFormMask(options);
  }
}

async function imageFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new InvalidInputError(folder, 'a readable folder of images', (error as Error).message, { cause: error });
  });
  // Symbolic links count too: a training set is often a folder of links to photos elsewhere.
  return entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())).map((e) => e.name).sort();
}
