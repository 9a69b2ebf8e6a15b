import { InvalidOptionError, throwIfCancelled } from '../../core/errors.js';
import type { Image } from '../../core/image.js';
import { dilateMask } from '../../io/dilate-mask.js';
import { readImage } from '../../io/read-image.js';
import { writeMask } from '../../io/write-mask.js';
import { selectObject, type Point } from '../../segmentation/select-object.js';
import type { CliEnvironment } from '../terminal.js';

export interface SelectFlags {
  readonly select: string;
  readonly out: string;
  readonly point?: readonly Point[];
  readonly exclude?: readonly Point[];
  readonly dilate?: number;
}

/** `inpaint masks --select IMAGE --point X,Y ...`: the object under the points, as a mask. */
export async function writeSelectedMask(flags: SelectFlags, env: CliEnvironment): Promise<void> {
  if (!flags.point?.length) throw new InvalidOptionError('--point', 'at least one --point X,Y on the object with --select', undefined);
  const image = await readImage(flags.select);
  for (const [flag, points] of [['--point', flags.point], ['--exclude', flags.exclude ?? []]] as const) {
    for (const point of points) assertInside(flag, point, image);
  }
  const mask = selectObject(image, { include: flags.point, exclude: flags.exclude }, { signal: env.signal });
  throwIfCancelled(env.signal);
  await writeMask(flags.out, dilateMask(mask, flags.dilate ?? 0), { inputs: [flags.select] });
}

function assertInside(flag: string, { x, y }: Point, image: Image): void {
  if (x >= image.width || y >= image.height) {
    throw new InvalidOptionError(flag, `a point inside the ${image.width}x${image.height} image (x below ${image.width}, y below ${image.height})`, `${x},${y}`);
  }
}
