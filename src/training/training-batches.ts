/**
 * Training batches streamed from disk: random crops (random horizontal flips) of the photos of a
 * folder, with holes generated or read from a folder (hole-masks.ts); or, for video networks,
 * clips: a camera pan over one photo per clip (PhotoCrops.pan) with moving holes. Every random choice comes
 * from one seeded generator, drawn in a fixed order when a batch is asked for; the decoding then
 * runs on sharp's threads while the current step computes (one batch ahead). The generator's
 * state before the batch read ahead is what a checkpoint records, so a resumed run draws exactly
 * the batches an unbroken run would have.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import type { Mask } from '../core/image.js';
import { createRng, type Rng } from '../masks/random.js';
import { tensor } from '../torch/index.js';
import { drawHole, drawHoleClip, type HoleClipSource, type HoleSource } from './hole-masks.js';
import { imageFiles } from './image-files.js';
import type { TrainingBatch } from './network-training.js';
import { maxZoom, PhotoCrops } from './photo-crops.js';

/** A batch's pixels, decoded but not yet tensors (those belong to the step's memory scope). */
export interface DecodedBatch {
  readonly count: number;
  readonly size: number;
  /** Frames per clip; left out for photos. */
  readonly frames?: number;
  /** count x (frames x) 3 x size x size, RGB in [0, 1]. */
  readonly pixels: Float32Array;
  /** count x (frames x) size x size, 1 = hole. */
  readonly holes: Float32Array;
}

export interface TrainingBatchesOptions {
  readonly imagesDir: string;
  /** Hole masks to draw from (for clips: a folder of mask clip folders); generated when left out. */
  readonly masksDir?: string;
  /** Draw clips of this many frames instead of photos. */
  readonly frames?: number;
  readonly size: number;
  readonly batchSize: number;
  /** The random generator's state: a seed, or Rng.state() from a checkpoint. */
  readonly randomState: number;
}

export class TrainingBatches {
  private readonly rng: Rng;
  private ahead?: { readonly stateBefore: number; readonly batch: Promise<DecodedBatch> };

  private constructor(
    private readonly photos: PhotoCrops,
    private readonly holes: { readonly photos: HoleSource } | { readonly clips: HoleClipSource; readonly frames: number },
    private readonly batchSize: number,
    randomState: number,
  ) {
    this.rng = createRng(randomState);
  }

  /** Lists the folders (decoding nothing yet). */
  static async open(options: TrainingBatchesOptions): Promise<TrainingBatches> {
    const { masksDir, frames } = options;
    const photos = new PhotoCrops(await imageFiles(options.imagesDir, 'training photos'), options.size);
    if (frames !== undefined) {
      const clips: HoleClipSource = masksDir === undefined ? { kind: 'generated' } : { kind: 'clips', clips: await maskClips(masksDir, frames) };
      return new TrainingBatches(photos, { clips, frames }, options.batchSize, options.randomState);
    }
    const holes: HoleSource = masksDir === undefined ? { kind: 'generated' } : { kind: 'folder', files: await imageFiles(masksDir, 'mask images') };
    return new TrainingBatches(photos, { photos: holes }, options.batchSize, options.randomState);
  }

  get photoCount(): number {
    return this.photos.files.length;
  }

  /** The next batch; the one after it starts decoding at once. */
  async next(): Promise<DecodedBatch> {
    const batch = this.ahead?.batch ?? this.draw();
    this.ahead = undefined;
    const decoded = await batch;
    const stateBefore = this.rng.state();
    const following = this.draw();
    // Not awaited until next(): a failure then surfaces there, not as an unhandled rejection.
    following.catch(() => undefined);
    this.ahead = { stateBefore, batch: following };
    return decoded;
  }

  /** The random state to resume from: as if no batch had been drawn past those handed out. */
  randomState(): number {
    return this.ahead?.stateBefore ?? this.rng.state();
  }

  private async draw(): Promise<DecodedBatch> {
    const s = this.photos.size;
    const frames = 'frames' in this.holes ? this.holes.frames : 1;
    const samples: Promise<[Uint8Array[], Mask[]]>[] = [];
    for (let b = 0; b < this.batchSize; b++) {
      const file = this.photos.files[this.rng.int(0, this.photos.files.length - 1)];
      if ('frames' in this.holes) {
        const pan = { x: this.rng.next(), y: this.rng.next(), dx: this.rng.uniform(-1, 1), dy: this.rng.uniform(-1, 1), zoom: maxZoom ** this.rng.uniform(-1, 1), flip: this.rng.next() < 0.5 };
        const clip = this.photos.pan(file, pan, frames);
        samples.push(Promise.all([clip, drawHoleClip(this.holes.clips, s, frames, this.rng)]));
      } else {
        const crop = this.photos.crop(file, { x: this.rng.next(), y: this.rng.next(), flip: this.rng.next() < 0.5 });
        const hole = drawHole(this.holes.photos, s, this.rng);
        samples.push(Promise.all([crop.then((rgb) => [rgb]), Promise.resolve(hole).then((mask) => [mask])]));
      }
    }
    const plane = s * s;
    const pixels = new Float32Array(this.batchSize * frames * 3 * plane);
    const holePixels = new Float32Array(this.batchSize * frames * plane);
    (await Promise.all(samples)).forEach(([rgbs, masks], b) => {
      rgbs.forEach((rgb, t) => {
        const image = (b * frames + t) * 3;
        for (let i = 0; i < plane; i++) {
          for (let c = 0; c < 3; c++) pixels[(image + c) * plane + i] = rgb[i * 3 + c] / 255;
        }
      });
      masks.forEach((mask, t) => {
        const offset = (b * frames + t) * plane;
        for (let i = 0; i < plane; i++) holePixels[offset + i] = mask.data[i] ? 1 : 0;
      });
    });
    return { count: this.batchSize, size: s, frames: 'frames' in this.holes ? frames : undefined, pixels, holes: holePixels };
  }
}

/** The mask clips of a folder: its subfolders, each with at least `frames` masks. */
async function maskClips(folder: string, frames: number): Promise<string[][]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new InvalidInputError(folder, 'a readable folder of mask clips (one folder of masks per clip)', (error as Error).message, { cause: error });
  });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => join(folder, e.name)).sort();
  if (folders.length === 0) throw new InvalidInputError(folder, 'a folder of mask clips (one folder of masks per clip, as inpaint masks --video writes)', 'no subfolders');
  const clips = await Promise.all(folders.map((clip) => imageFiles(clip, 'masks of a clip')));
  clips.forEach((clip, k) => {
    if (clip.length < frames) throw new InvalidInputError(folders[k], `a mask clip of at least ${frames} frames (the training clips' length)`, `${clip.length} masks`);
  });
  return clips;
}

/** The batch as tensors, inside the caller's memory scope. */
export function batchTensors(batch: DecodedBatch): TrainingBatch {
  const { count, size, frames } = batch;
  const leading = frames === undefined ? [count] : [count, frames];
  return { image: tensor(batch.pixels, [...leading, 3, size, size]), mask: tensor(batch.holes, [...leading, 1, size, size]) };
}
