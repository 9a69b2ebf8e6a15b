import { InvalidInputError, SizeMismatchError } from '../core/errors.js';
import { assertSameSize, type Image, type Mask } from '../core/image.js';
import { decodeBytes, probeBytes } from '../io/decode-bytes.js';
import { imageFromPixels } from '../io/image-from-pixels.js';
import { maskFromPixels } from '../io/mask-from-pixels.js';
import { defaultMethodId, getMethod } from '../methods.js';
import type { UploadedForm } from './multipart-form.js';
import type { OfferedMethods } from './offered-methods.js';

/** The form fields of an inpainting: `image` and `mask` files, `method` and `options` (JSON) text. */
export const inpaintFormFields = { files: ['image', 'mask'], texts: ['method', 'options'] } as const;

/**
 * An inpainting as uploaded and checked from its fields and image headers. The pixels stay
 * compressed until the work starts, so that a full queue holds uploads, not decoded images.
 */
export interface InpaintRequest {
  readonly method: string;
  /** Validated against the method's schema, defaults filled in. */
  readonly options: Record<string, unknown>;
  readonly image: Uint8Array;
  /** Absent: the image's alpha channel is the mask. */
  readonly mask?: Uint8Array;
  readonly maxPixels: number;
}

/** One inpainting ready for the pipeline. */
export interface InpaintInput {
  readonly image: Image;
  readonly mask: Mask;
  readonly method: string;
  readonly options: Record<string, unknown>;
  /** How the inputs were read (soft mask thresholded, mask from alpha, ...). */
  readonly notes: readonly string[];
}

/**
 * Checks an uploaded form as far as it can be without decoding pixels: the method, its options,
 * the image and mask headers (decodable, within `maxPixels`, the same size), and that there is
 * a mask or an alpha channel to take it from. The cheap checks come first.
 */
export async function readInpaintRequest(form: UploadedForm, maxPixels: number, offered: OfferedMethods): Promise<InpaintRequest> {
  const method = getMethod(form.texts.get('method') ?? defaultMethodId);
  const options = offered.options(method, form.texts.get('options'));
  const image = form.files.get('image');
  if (!image) throw new InvalidInputError('image', 'an image file in the multipart field "image"', 'no such field');
  const mask = form.files.get('mask');
  const imageHeader = await probeBytes(image, 'image', { maxPixels });
  if (mask) {
    const maskHeader = await probeBytes(mask, 'mask', { maxPixels });
    if (maskHeader.width !== imageHeader.width || maskHeader.height !== imageHeader.height) {
      throw new SizeMismatchError('mask size', imageHeader, maskHeader);
    }
  } else if (!imageHeader.hasAlpha) {
    throw noMask();
  }
  return { method: method.id, options, image, mask, maxPixels };
}

/**
 * Decodes a request's image and mask. Without a mask, the image's alpha channel is the mask
 * (transparent = hole) and the result is opaque; an image with alpha and a mask keeps its alpha.
 */
export async function decodeInpaintRequest(request: InpaintRequest): Promise<InpaintInput> {
  const { method, options, maxPixels } = request;
  const notes: string[] = [];
  const note = (message: string): void => void notes.push(message);
  const imagePixels = await decodeBytes(request.image, 'image', { maxPixels });
  const image = imageFromPixels(imagePixels, 'image', note);
  if (request.mask) {
    const mask = maskFromPixels(await decodeBytes(request.mask, 'mask', { maxPixels }), { onNote: note }, 'mask');
    assertSameSize(image, mask);
    return { image, mask, method, options, notes };
  }
  if (!imagePixels.hasAlpha) throw noMask();
  const mask = maskFromPixels(imagePixels, { fromAlpha: true, onNote: note }, 'image alpha');
  note('no mask was sent: the alpha channel of the image is the mask, and the result is opaque');
  return { image: { width: image.width, height: image.height, rgb: image.rgb }, mask, method, options, notes };
}

function noMask(): InvalidInputError {
  return new InvalidInputError('mask', 'a mask file in the field "mask", or an image with an alpha channel (transparent = hole)', 'neither');
}
