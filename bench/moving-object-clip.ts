import { createImage, createMask, type Image, type Mask } from '../src/core/image.js';
import { sampleBilinear } from '../src/classical/flow/flow-field.js';

/** Where the object is and how large, at one end of the clip. */
export interface ObjectPose {
  /** Centre, in frame pixels. */
  readonly x: number;
  readonly y: number;
  /** Radius of the shape, in frame pixels. */
  readonly radius: number;
}

export interface MovingObjectClipOptions {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** A photo the frames are cut from; the camera pans across it by `pan` pixels over the clip. */
  readonly background: Image;
  readonly pan: { readonly dx: number; readonly dy: number };
  /** A photo the object's surface is cut from. */
  readonly texture: Image;
  /** Lobes of the shape's outline: 0 for an ellipse, 3 to 6 for a blob. */
  readonly lobes: number;
  readonly from: ObjectPose;
  readonly to: ObjectPose;
}

/**
 * A synthetic clip with its true masks: a textured object (its surface cut from one photo, its
 * outline a lobed closed curve) moving in a straight line and growing or shrinking over a
 * background cut from another photo, which pans. The object's texture moves and scales with it.
 * The background is enlarged if it is too small to cover the frame over the pan.
 */
export function movingObjectClip(options: MovingObjectClipOptions): { frames: Image[]; masks: Mask[] } {
  const { width, height, frames: count, background, texture, lobes } = options;
  const planes = (image: Image) =>
    [0, 1, 2].map((c) => Float32Array.from({ length: image.width * image.height }, (_, i) => image.rgb[3 * i + c]));
  const bg = planes(background), tex = planes(texture);
  // The background photo is enlarged, when it must be, to cover the frame over the whole pan.
  const cover = Math.min(1, background.width / (width + Math.abs(options.pan.dx) + 1), background.height / (height + Math.abs(options.pan.dy) + 1));
  const panStartX = Math.max(0, -options.pan.dx), panStartY = Math.max(0, -options.pan.dy);
  const frames: Image[] = [], masks: Mask[] = [];
  for (let t = 0; t < count; t++) {
    const s = count === 1 ? 0 : t / (count - 1);
    const ox = lerp(options.from.x, options.to.x, s), oy = lerp(options.from.y, options.to.y, s);
    const radius = lerp(options.from.radius, options.to.radius, s);
    const panX = options.pan.dx * s, panY = options.pan.dy * s;
    const rgb = new Uint8Array(width * height * 3);
    const mask = createMask(width, height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const dx = x + 0.5 - ox, dy = y + 0.5 - oy;
        const angle = Math.atan2(dy, dx);
        const edge = radius * (lobes === 0 ? 1 / Math.sqrt(Math.cos(angle) ** 2 + (Math.sin(angle) / 0.7) ** 2) : 1 + 0.25 * Math.sin(lobes * angle));
        const inside = dx * dx + dy * dy <= edge * edge;
        mask.data[i] = inside ? 1 : 0;
        // Texture coordinates follow the object: its centre, scaled with its radius.
        const [source, sx, sy, sw, sh] = inside
          ? [tex, texture.width / 2 + (dx * 60) / radius, texture.height / 2 + (dy * 60) / radius, texture.width, texture.height]
          : [bg, (x + panStartX + panX) * cover, (y + panStartY + panY) * cover, background.width, background.height];
        for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.round(sampleBilinear(source[c], sw, sh, sx, sy));
      }
    }
    frames.push(createImage(width, height, rgb));
    masks.push(mask);
  }
  return { frames, masks };
}

/** Intersection over union of two masks of one size (1 when both are empty). */
export function maskIoU(a: Mask, b: Mask): number {
  let both = 0, either = 0;
  for (let i = 0; i < a.data.length; i++) {
    const p = a.data[i] ? 1 : 0, q = b.data[i] ? 1 : 0;
    both += p & q;
    either += p | q;
  }
  return either === 0 ? 1 : both / either;
}

function lerp(a: number, b: number, s: number): number {
  return a + (b - a) * s;
}
