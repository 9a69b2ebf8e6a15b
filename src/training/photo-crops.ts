/**
 * Square crops of training photos, decoded from disk when drawn (a folder of thousands of photos
 * costs nothing at start-up). A photo is first scaled so that its shorter side lies between the
 * crop size and three times it (a crop then shows a fair part of the scene), then cropped where
 * the caller's random fractions say, and mirrored if asked. A pan is a clip of such crops: the
 * window glides across the photo at a steady speed and zooms a little, as a moving camera would
 * film a still scene (the training clips of video networks).
 */
import sharp from 'sharp';
import { InvalidInputError } from '../core/errors.js';

/** Where to crop, as fractions of the free room (so they can be drawn before the size is known). */
export interface CropPlacement {
  readonly x: number;
  readonly y: number;
  readonly flip: boolean;
}

/** A camera pan over a photo, as fractions drawn before the photo's size is known. */
export interface PanPlacement {
  /** Where the path starts in the free room, 0..1 each. */
  readonly x: number;
  readonly y: number;
  /** Speed per frame along each axis, -1..1 of the fastest (`fastestPan` of the crop size). */
  readonly dx: number;
  readonly dy: number;
  /** The last frame's window size over the first's, 1/maxZoom..maxZoom. */
  readonly zoom: number;
  readonly flip: boolean;
}

/** Fastest pan, in crop sizes per frame: 3% of 256 is 7.7 pixels a frame. */
const fastestPan = 0.03;
/** Largest zoom over a clip, either way. */
export const maxZoom = 1.15;

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
    const { width, height } = await this.scaledSize(file, s);
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

  /**
   * A clip of `frames` crops along the pan, RGB bytes size x size x 3 each, sampled bilinearly from
   * the scaled photo (shorter side at least the largest window and a quarter, so there is room to move).
   */
  async pan(file: string, pan: PanPlacement, frames: number): Promise<Uint8Array[]> {
    const s = this.size;
    const zoomEnd = Math.min(maxZoom, Math.max(1 / maxZoom, pan.zoom));
    const largest = s * Math.max(1, zoomEnd);
    const { width, height } = await this.scaledSize(file, Math.ceil(1.25 * largest));
    let photo: Uint8Array;
    try {
      let image = sharp(file).rotate().removeAlpha().toColourspace('srgb').resize(width, height, { fit: 'fill' });
      if (pan.flip) image = image.flop();
      const data = await image.raw().toBuffer();
      photo = new Uint8Array(data.buffer, data.byteOffset, data.length);
    } catch (error) {
      throw unreadable(file, error);
    }
    // The window's centre moves in a straight line; both ends keep the largest window inside the photo.
    const path = (extent: number, start: number, speed: number): [number, number] => {
      const room = extent - largest;
      const travel = Math.max(-room, Math.min(room, speed * fastestPan * s * (frames - 1)));
      const first = largest / 2 + start * (room - Math.abs(travel)) + Math.max(0, -travel);
      return [first, travel];
    };
    const [x0, travelX] = path(width, pan.x, pan.dx);
    const [y0, travelY] = path(height, pan.y, pan.dy);
    const clip: Uint8Array[] = [];
    for (let t = 0; t < frames; t++) {
      const along = frames === 1 ? 0 : t / (frames - 1);
      const window = s * (1 + (zoomEnd - 1) * along);
      clip.push(sampleWindow(photo, width, height, x0 + travelX * along, y0 + travelY * along, window, s));
    }
    return clip;
  }

  /** The photo's size once scaled so that its shorter side lies between `shortest` and three crops (or is `shortest`). */
  private async scaledSize(file: string, shortest: number): Promise<ShownSize> {
    const shown = await this.shownSize(file);
    const longest = Math.max(shortest, 3 * this.size);
    const shorter = Math.min(shown.width, shown.height);
    const scale = shorter > longest ? longest / shorter : shorter < shortest ? shortest / shorter : 1;
    return { width: Math.max(shortest, Math.round(shown.width * scale)), height: Math.max(shortest, Math.round(shown.height * scale)) };
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

/** A window `side` pixels wide centred at (cx, cy), resampled bilinearly to size x size RGB bytes. */
function sampleWindow(photo: Uint8Array, width: number, height: number, cx: number, cy: number, side: number, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const step = side / size;
  for (let i = 0; i < size; i++) {
    const y = Math.min(height - 1, Math.max(0, cy - side / 2 + (i + 0.5) * step - 0.5));
    const y0 = Math.floor(y);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = y - y0;
    for (let j = 0; j < size; j++) {
      const x = Math.min(width - 1, Math.max(0, cx - side / 2 + (j + 0.5) * step - 0.5));
      const x0 = Math.floor(x);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = x - x0;
      for (let c = 0; c < 3; c++) {
        const top = photo[(y0 * width + x0) * 3 + c] * (1 - fx) + photo[(y0 * width + x1) * 3 + c] * fx;
        const bottom = photo[(y1 * width + x0) * 3 + c] * (1 - fx) + photo[(y1 * width + x1) * 3 + c] * fx;
        out[(i * size + j) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}
