import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';

/** Hole-ratio buckets (percent of the image) plus the classic centre square, in report order. */
export const evalBuckets = ['10-20', '20-30', '30-40', '40-50', '50-60', 'center'] as const;
export type EvalBucket = (typeof evalBuckets)[number];

/** Free-form masks per ratio bucket: image i takes mask i mod 8. */
const MASKS_PER_BUCKET = 8;

const LAYOUT = 'the benchmark layout: images/NAME.png and masks/B/NN.png';

/** One image with one mask, as the protocol pairs them. */
export interface EvalPair {
  /** `${name}__${bucket}`: also the output's file name, without `.png`. */
  readonly key: string;
  readonly name: string;
  readonly bucket: EvalBucket;
  readonly imagePath: string;
  readonly maskPath: string;
}

/**
 * The protocol's pairs (shared/data/README.md), in the reference scorer's order: images sorted by
 * name, each with `masks/B/(i mod 8)` for the five ratio buckets and with `masks/center/00`.
 * Every mask a pair names must exist, so a wrong layout fails here and not halfway through a run.
 */
export async function listEvalPairs(dataDir: string): Promise<EvalPair[]> {
  const dirInfo = await stat(dataDir).catch(() => null);
  if (!dirInfo?.isDirectory()) throw new InvalidInputError(dataDir, `a benchmark data folder (${LAYOUT})`, 'no such folder');
  const imagesDir = join(dataDir, 'images');
  const entries = await readdir(imagesDir).catch(() => {
    throw new InvalidInputError(dataDir, `a folder in ${LAYOUT}`, 'a folder without images/');
  });
  // As the scorer's glob("images/*.png"): hidden files excluded, sorted by name without extension.
  const names = entries
    .filter((e) => e.endsWith('.png') && !e.startsWith('.'))
    .map((e) => e.slice(0, -'.png'.length))
    .sort();
  if (names.length === 0) throw new InvalidInputError(imagesDir, 'at least one .png image', 'none');

  const pairs = names.flatMap((name, i) =>
    evalBuckets.map((bucket): EvalPair => {
      const maskIndex = bucket === 'center' ? 0 : i % MASKS_PER_BUCKET;
      return {
        key: `${name}__${bucket}`,
        name,
        bucket,
        imagePath: join(imagesDir, `${name}.png`),
        maskPath: join(dataDir, 'masks', bucket, `${String(maskIndex).padStart(2, '0')}.png`),
      };
    }),
  );
  await assertMasksExist(dataDir, pairs);
  return pairs;
}

async function assertMasksExist(dataDir: string, pairs: readonly EvalPair[]): Promise<void> {
  const maskPaths = [...new Set(pairs.map((p) => p.maskPath))];
  const found = await Promise.all(maskPaths.map((p) => access(p).then(() => true, () => false)));
  const missing = maskPaths.filter((_, i) => !found[i]);
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    throw new InvalidInputError(dataDir, `a mask for every pair (${LAYOUT})`, `a folder missing ${shown}`);
  }
}
