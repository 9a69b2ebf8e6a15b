import { showBitmap, context2d } from './canvas.js';
import { drawHoles, drawSegment, overlayFromHoles } from './mask-overlay.js';
import type { Stroke } from './mask-painter.js';

/** One undoable change to the picture being edited (image and mask). */
export type Edit =
  /** A brush or eraser stroke. */
  | ({ readonly kind: 'stroke' } & Stroke)
  /** An object picked with the Select tool, added to the mask or (`erase`) taken out of it. */
  | { readonly kind: 'region'; readonly holes: Uint8Array; readonly erase: boolean }
  | { readonly kind: 'clear' }
  /** An uploaded mask file, replacing the mask. */
  | { readonly kind: 'mask'; readonly holes: Uint8Array }
  /** A result made the image: the mask starts empty again. */
  | { readonly kind: 'apply'; readonly image: ImageBitmap };

/** Draws one stroke as live painting does: a dot where it starts, then one segment per move. */
export function drawStroke(ctx: CanvasRenderingContext2D, stroke: Stroke): void {
  const { points, size, erase } = stroke;
  drawSegment(ctx, points[0], points[1], points[0], points[1], size, erase);
  for (let i = 2; i < points.length; i += 2) {
    drawSegment(ctx, points[i - 2], points[i - 1], points[i], points[i + 1], size, erase);
  }
}

/** The image in effect after `edits`: the last applied result, or the opened image. */
export function currentImage(opened: ImageBitmap, edits: readonly Edit[]): ImageBitmap {
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i];
    if (edit.kind === 'apply') return edit.image;
  }
  return opened;
}

/**
 * Redraws image and mask from the opened image and the edits in effect. Only edits after the last
 * one that replaced the whole mask are replayed (strokes and regions add to the mask in place).
 */
export function renderEdits(opened: ImageBitmap, edits: readonly Edit[], image: HTMLCanvasElement, mask: HTMLCanvasElement): void {
  const bitmap = currentImage(opened, edits);
  showBitmap(image, bitmap);
  mask.width = bitmap.width;
  mask.height = bitmap.height;
  const ctx = context2d(mask);

  let start = 0;
  for (let i = edits.length - 1; i >= 0; i--) {
    if (edits[i].kind !== 'stroke' && edits[i].kind !== 'region') {
      start = i;
      break;
    }
  }
  for (let i = start; i < edits.length; i++) {
    const edit = edits[i];
    if (edit.kind === 'stroke') drawStroke(ctx, edit);
    else if (edit.kind === 'region') drawHoles(ctx, edit.holes, edit.erase);
    else if (edit.kind === 'mask') ctx.putImageData(overlayFromHoles(edit.holes, mask.width, mask.height), 0, 0);
    // 'clear' and 'apply' leave the freshly sized, empty mask.
  }
}
