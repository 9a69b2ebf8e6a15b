/**
 * Square crops of training photos, decoded from disk when drawn (a folder of thousands of photos
 * costs nothing at start-up). A photo is first scaled so that its shorter side lies between the
 * crop size and three times it (a crop then shows a fair part of the scene), then cropped where
 * the caller's random fractions say, and mirrored if asked.
 */
import sharp from 'sharp';
import { InvalidInputError } from '../core/errors.js';

/** Where to crop, as fractions of the free room (so they can be drawn before the size is known). */
export interface CropPlacement {
  readonly x: number;
  readonly y: number;
  readonly flip: boolean;
}

interface ShownSize {
  readonly width: number;
  readonly height: number;
}

export class PhotoCrops {
  /** Each photo's displayed size, read from its header the first time it is drawn. */
  private readonly sizes = new Map<string, Promise<ShownSize>>();

  constructor(
    readonly files: readonly string[],
    readonly size: number,
  ) {}

  /** The crop's RGB bytes, size x size x 3. */
  async crop(file: string, placement: CropPlacement): Promise<Uint8Array> {
    const s = this.size;
    const shown = await this.shownSize(file);
    const shorter = Math.min(shown.width, shown.height);
    const scale = shorter > 3 * s ? (3 * s) / shorter : shorter < s ? s / shorter : 1;
    const width = Math.max(s, Math.round(shown.width * scale));
    const height = Math.max(s, Math.round(shown.height * scale));
    try {
      let image = sharp(file).rotate().removeAlpha().toColourspace('srgb').resize(width, height, { fit: 'fill' });
      image = image.extract({ left: Math.floor(placement.x * (width - s + 1)), top: Math.floor(placement.y * (height - s + 1)), width: s, height: s });
      if (placement.flip) image = image.flop();
      const data = await image.raw().toBuffer();
      return new Uint8Array(data.buffer, data.byteOffset, data.length);
    } catch (error) {
      throw unreadable(file, error);
    }
  }

  private shownSize(file: string): Promise<ShownSize> {
    let size = this.sizes.get(file);
    if (!size) {
      size = sharp(file).metadata().catch((error: unknown) => { throw unreadable(file, error); }).then(({ width, height, orientation }) => {
        if (!width || !height) throw new InvalidInputError(file, 'a training photo with a size in its header', 'none');
        // EXIF orientations 5 to 8 turn the picture by a quarter: the shown width is the stored height.
        return (orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
      });
      this.sizes.set(file, size);
    }
    return size;
  }
}

function unreadable(file: string, error: unknown): InvalidInputError {
  return error instanceof InvalidInputError ? error : new InvalidInputError(file, 'a training photo sharp can decode', (error as Error).message, { cause: error });
}
