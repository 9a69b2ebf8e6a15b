import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { createImage, holeBounds, holeCount, type Image, type Mask } from '../src/core/image.js';
import { evalBuckets, listEvalPairs, type EvalPair } from '../src/eval/pairs.js';
import { readEvalPair } from '../src/eval/read-eval-pair.js';
import { encodePixels } from '../src/io/encode.js';
import { readImage } from '../src/io/read-image.js';
import { resizeMaskNearest } from '../src/io/resize-mask.js';
import { generateMasks } from '../src/masks/generate.js';

/** One input as every method gets it: the hole already grey, also written as PNG for OpenCV. */
export interface BenchPair {
  readonly key: string;
  readonly image: Image;
  readonly mask: Mask;
  readonly imagePath: string;
  readonly maskPath: string;
}

export interface BenchCase {
  /** `256x256`, `512x512`, `2048x2048`. */
  readonly size: string;
  readonly pairs: readonly BenchPair[];
  /** A sentence on what the case holds, for the report's header. */
  readonly description: string;
}

/** The protocol's grey, so no method can see the original hole pixels. */
const HOLE_GREY = 128;
/** Image upscaled for the large case; falls back to the first image when absent. */
const LARGE_SOURCE = 'astronaut';
const LARGE_SIDE = 2048;
const LARGE_HOLE_RATIO = [0.045, 0.055] as const;
const LARGE_MASK_SEED = 1;

/**
 * `count` of the protocol's pairs spread over images and buckets alike: pair k takes bucket
 * k mod 6 of image floor(k * images / count). 144 gives every pair.
 */
export function spreadPairs(pairs: readonly EvalPair[], count: number): EvalPair[] {
  const names = [...new Set(pairs.map((p) => p.name))];
  const chosen: EvalPair[] = [];
  for (let k = 0; k < count; k++) {
    const name = names[Math.floor((k * names.length) / count)];
    const bucket = evalBuckets[k % evalBuckets.length];
    const pair = pairs.find((p) => p.name === name && p.bucket === bucket);
    if (pair) chosen.push(pair);
  }
  return chosen;
}

/**
 * The protocol's pairs at 256x256 (`images/`) or the same photos at 512x512 (`images512/`, the
 * 256 masks upscaled nearest-neighbour), `count` of them spread over the buckets.
 */
export async function protocolCase(dataDir: string, workDir: string, side: 256 | 512, count: number): Promise<BenchCase> {
  const chosen = spreadPairs(await listEvalPairs(dataDir), count);
  const pairs: BenchPair[] = [];
  for (const pair of chosen) {
    const { truth: truth256, mask: mask256 } = await readEvalPair(pair);
    const truth = side === 256 ? truth256 : await readImage(join(dataDir, 'images512', `${pair.name}.png`));
    const mask = side === 256 ? mask256 : resizeMaskNearest(mask256, truth.width, truth.height);
    pairs.push(await writePair(workDir, `${side}-${pair.key}`, truth, mask));
  }
  return {
    size: `${side}x${side}`,
    pairs,
    description: `${pairs.length} protocol pairs at ${side}x${side} (${chosen.map((p) => p.key).join(', ')})`,
  };
}

/**
 * One 2048x2048 photo (a 512 image upscaled, Lanczos 3) with a generated brush-stroke hole of
 * about 5%, the same on every run.
 */
export async function largeCase(dataDir: string, workDir: string): Promise<BenchCase> {
  const pairs = await listEvalPairs(dataDir);
  const name = pairs.some((p) => p.name === LARGE_SOURCE) ? LARGE_SOURCE : pairs[0].name;
  const { data } = await sharp(join(dataDir, 'images512', `${name}.png`))
    .removeAlpha()
    .resize(LARGE_SIDE, LARGE_SIDE, { kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [mask] = generateMasks({
    width: LARGE_SIDE,
    height: LARGE_SIDE,
    count: 1,
    ratio: LARGE_HOLE_RATIO,
    seed: LARGE_MASK_SEED,
  });
  const image = createImage(LARGE_SIDE, LARGE_SIDE, new Uint8Array(data));
  const pair = await writePair(workDir, `${LARGE_SIDE}-${name}`, image, mask);
  const box = holeBounds(mask)!;
  const ratio = ((100 * holeCount(mask)) / (LARGE_SIDE * LARGE_SIDE)).toFixed(1);
  return {
    size: `${LARGE_SIDE}x${LARGE_SIDE}`,
    pairs: [pair],
    description:
      `${name} upscaled to ${LARGE_SIDE}x${LARGE_SIDE} (Lanczos 3), brush-stroke hole of ${ratio}% ` +
      `(seed ${LARGE_MASK_SEED}) in a ${box.x1 - box.x0}x${box.y1 - box.y0} box`,
  };
}

/** The image with its hole grey, kept in memory and written as PNG (and the mask, 255 = hole). */
async function writePair(workDir: string, key: string, truth: Image, mask: Mask): Promise<BenchPair> {
  const rgb = truth.rgb.slice();
  const maskBytes = new Uint8Array(mask.data.length);
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = HOLE_GREY;
    maskBytes[i] = 255;
  }
  const image = createImage(truth.width, truth.height, rgb);
  const imagePath = join(workDir, `${key}.png`);
  const maskPath = join(workDir, `${key}.mask.png`);
  const { width, height } = truth;
  await writeFile(imagePath, await encodePixels(rgb, { width, height, channels: 3 }, 'png'));
  await writeFile(maskPath, await encodePixels(maskBytes, { width, height, channels: 1 }, 'png'));
  return { key, image, mask, imagePath, maskPath };
}
