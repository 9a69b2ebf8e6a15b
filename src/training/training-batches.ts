/**
 * Training batches streamed from disk: random crops (random horizontal flips) of the photos of a
 * folder, with holes generated or read from a folder (hole-masks.ts). Every random choice comes
 * from one seeded generator, drawn in a fixed order when a batch is asked for; the decoding then
 * runs on sharp's threads while the current step computes (one batch ahead). The generator's
 * state before the batch read ahead is what a checkpoint records, so a resumed run draws exactly
 * the batches an unbroken run would have.
 */
import type { Mask } from '../core/image.js';
import { createRng, type Rng } from '../masks/random.js';
import { tensor } from '../torch/index.js';
import { drawHole, type HoleSource } from './hole-masks.js';
import { imageFiles } from './image-files.js';
import type { TrainingBatch } from './network-training.js';
import { PhotoCrops } from './photo-crops.js';

/** A batch's pixels, decoded but not yet tensors (those belong to the step's memory scope). */
export interface DecodedBatch {
  readonly count: number;
  readonly size: number;
  /** count x 3 x size x size, RGB in [0, 1]. */
  readonly pixels: Float32Array;
  /** count x size x size, 1 = hole. */
  readonly holes: Float32Array;
}

export interface TrainingBatchesOptions {
  readonly imagesDir: string;
  /** Hole masks to draw from; generated when left out. */
  readonly masksDir?: string;
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
    private readonly holes: HoleSource,
    private readonly batchSize: number,
    randomState: number,
  ) {
    this.rng = createRng(randomState);
  }

  /** Lists the folders (decoding nothing yet). */
  static async open(options: TrainingBatchesOptions): Promise<TrainingBatches> {
    const photos = new PhotoCrops(await imageFiles(options.imagesDir, 'training photos'), options.size);
    const holes: HoleSource = options.masksDir === undefined ? { kind: 'generated' } : { kind: 'folder', files: await imageFiles(options.masksDir, 'mask images') };
    return new TrainingBatches(photos, holes, options.batchSize, options.randomState);
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
    const crops: Promise<Uint8Array>[] = [];
    const holes: (Promise<Mask> | Mask)[] = [];
    for (let b = 0; b < this.batchSize; b++) {
      const file = this.photos.files[this.rng.int(0, this.photos.files.length - 1)];
      crops.push(this.photos.crop(file, { x: this.rng.next(), y: this.rng.next(), flip: this.rng.next() < 0.5 }));
      holes.push(drawHole(this.holes, s, this.rng));
    }
    const plane = s * s;
    const pixels = new Float32Array(this.batchSize * 3 * plane);
    const holePixels = new Float32Array(this.batchSize * plane);
    const [rgbs, masks] = await Promise.all([Promise.all(crops), Promise.all(holes)]);
    rgbs.forEach((rgb, b) => {
      for (let i = 0; i < plane; i++) {
        for (let c = 0; c < 3; c++) pixels[(b * 3 + c) * plane + i] = rgb[i * 3 + c] / 255;
      }
    });
    masks.forEach((mask, b) => {
      for (let i = 0; i < plane; i++) holePixels[b * plane + i] = mask.data[i] ? 1 : 0;
    });
    return { count: this.batchSize, size: s, pixels, holes: holePixels };
  }
}

/** The batch as tensors, inside the caller's memory scope. */
export function batchTensors(batch: DecodedBatch): TrainingBatch {
  const { count, size } = batch;
  return { image: tensor(batch.pixels, [count, 3, size, size]), mask: tensor(batch.holes, [count, 1, size, size]) };
}
