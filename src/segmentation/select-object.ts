import { InvalidOptionError, throwIfCancelled } from '../core/errors.js';
import { createMask, type Image, type Mask } from '../core/image.js';
import { colourCost } from './colour-model.js';
import { keepRegionsWith } from './connected.js';
import { refineInBand } from './edge-refinement.js';
import { Fixed, prepareCut } from './graph-cut.js';
import { fitObjectModels } from './object-models.js';
import { fitWithin, resizeSoftMask, shrinkImage } from './resample.js';

/** A pixel position, x to the right and y down from the top-left corner. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface SelectionPoints {
  /** Clicks on the object: at least one. */
  readonly include: readonly Point[];
  /** Clicks on what is not the object. */
  readonly exclude?: readonly Point[];
}

export interface SelectObjectOptions {
  /** The segmentation runs on the image shrunk to this longer side, then is refined at full size. @default 400 */
  readonly workSize?: number;
  /** GrabCut rounds (cut, then refit both colour models to the cut). @default 5 */
  readonly iterations?: number;
  readonly signal?: AbortSignal;
}

/**
 * The object under the clicks, as a mask (1 = object), without learned weights, GrabCut-style
 * (Rother et al. 2004): Gaussian mixture colour models of the object (first from around the
 * clicks) and of the background (first from far from them and around the exclusions), a graph
 * cut, the models refitted to the cut, a few rounds; each round keeps only the regions touching
 * an include click. It runs on a shrunk copy and the edge is then refined at full resolution.
 * Plain TypeScript on typed arrays: runs as well in a browser's Web Worker.
 */
export function selectObject(image: Image, points: SelectionPoints, options: SelectObjectOptions = {}): Mask {
  const include = points.include, exclude = points.exclude ?? [];
  if (include.length === 0) throw new InvalidOptionError('points', 'at least one point on the object', 'none');
  for (const point of [...include, ...exclude]) checkPoint(point, image);
  const { width, height } = image;
  const work = fitWithin(width, height, options.workSize ?? 400);
  const small = shrinkImage(image, work.width, work.height);
  const scale = work.width / width;
  const toWork = (p: Point): Point => ({
    x: Math.min(work.width - 1, Math.floor(p.x * scale)),
    y: Math.min(work.height - 1, Math.floor(p.y * (work.height / height))),
  });
  const seedsIn = include.map(toWork), seedsOut = exclude.map(toWork);
  const diagonal = Math.hypot(work.width, work.height);

  const fixed = new Uint8Array(work.width * work.height);
  paintDisks(fixed, work.width, work.height, seedsOut, Math.max(1, diagonal * 0.01), Fixed.Background);
  paintDisks(fixed, work.width, work.height, seedsIn, Math.max(1, diagonal * 0.01), Fixed.Object);

  // First guess: object near the clicks, background far from them (2 = neither, left out of both models).
  const guess = new Uint8Array(fixed.length).fill(0);
  paintDisks(guess, work.width, work.height, seedsIn, diagonal * 0.25, 2);
  paintDisks(guess, work.width, work.height, seedsIn, diagonal * 0.05, 1);
  paintDisks(guess, work.width, work.height, seedsOut, diagonal * 0.03, 0);
  let models = fitObjectModels(small, guess);

  const seedIndices = seedsIn.map((p) => p.y * work.width + p.x);
  let labels: Uint8Array = new Uint8Array(fixed.length);
  const cut = prepareCut(small, fixed);
  for (let round = 0; round < (options.iterations ?? 5); round++) {
    throwIfCancelled(options.signal);
    const { rgb } = small, current = models;
    const next = cut.cut((i, out) => {
      out[0] = colourCost(current.object, rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
      out[1] = colourCost(current.background, rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
    });
    keepRegionsWith(next, work.width, work.height, seedIndices);
    const unchanged = next.every((v, i) => v === labels[i]);
    labels = next;
    if (unchanged) break;
    models = fitObjectModels(small, labels);
  }
  if (work.width === width && work.height === height) return createMask(width, height, labels);

  throwIfCancelled(options.signal);
  const enlarged = resizeSoftMask(Float32Array.from(labels), work.width, work.height, width, height);
  const refined = refineInBand(image, enlarged, models, { band: Math.ceil(1 / scale) + 1 });
  keepRegionsWith(refined.data, width, height, include.map((p) => Math.floor(p.y) * width + Math.floor(p.x)));
  return refined;
}

function checkPoint(point: Point, image: Image): void {
  const { x, y } = point;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x >= image.width || y >= image.height) {
    throw new InvalidOptionError('point', `a position inside the ${image.width}x${image.height} image`, `${x},${y}`);
  }
}

function paintDisks(labels: Uint8Array, width: number, height: number, centres: readonly Point[], radius: number, value: number): void {
  const r = Math.ceil(radius);
  for (const { x: cx, y: cy } of centres) {
    for (let y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
      for (let x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= radius * radius) labels[y * width + x] = value;
      }
    }
  }
}
