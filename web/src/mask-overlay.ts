import { canvasToPng, context2d, readPixels } from './canvas.js';

/**
 * The mask lives on an overlay canvas at image resolution: hole = opaque mask colour, known =
 * transparent. Its CSS opacity makes it see-through; anti-aliased edges count as hole from 50%
 * alpha, as the server reads soft masks.
 */

const holeRgb = [255, 40, 90] as const;
const holeColour = `rgb(${holeRgb.join(', ')})`;
const halfAlpha = 128;

/**
 * Paints (or, with `erase`, removes) a round-capped line of width `size` from a to b, in image
 * pixels. Live painting and undo/redo replay both draw through this one function segment by
 * segment, so a replayed stroke is pixel-identical to the painted one.
 */
export function drawSegment(
  ctx: CanvasRenderingContext2D,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  size: number,
  erase: boolean,
): void {
  ctx.save();
  ctx.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
  ctx.fillStyle = ctx.strokeStyle = holeColour;
  ctx.beginPath();
  if (ax === bx && ay === by) {
    ctx.arc(ax, ay, size / 2, 0, 2 * Math.PI);
    ctx.fill();
  } else {
    ctx.lineWidth = size;
    ctx.lineCap = 'round';
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
    ctx.stroke();
  }
  ctx.restore();
}

/** Overlay pixels for a hole map (1 = hole, one byte per pixel). */
export function overlayFromHoles(holes: Uint8Array, width: number, height: number): ImageData {
  const overlay = new ImageData(width, height);
  const data = overlay.data;
  for (let i = 0, p = 0; i < holes.length; i++, p += 4) {
    if (!holes[i]) continue;
    data[p] = holeRgb[0];
    data[p + 1] = holeRgb[1];
    data[p + 2] = holeRgb[2];
    data[p + 3] = 255;
  }
  return overlay;
}

/** Adds a hole map (1 = hole) to the overlay, or with `erase` takes it out. */
export function drawHoles(ctx: CanvasRenderingContext2D, holes: Uint8Array, erase: boolean): void {
  const { width, height } = ctx.canvas;
  const layer = document.createElement('canvas');
  layer.width = width;
  layer.height = height;
  context2d(layer).putImageData(overlayFromHoles(holes, width, height), 0, 0);
  ctx.save();
  ctx.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
  ctx.drawImage(layer, 0, 0);
  ctx.restore();
}

/** Number of hole pixels on the overlay. */
export function countHoles(overlay: HTMLCanvasElement): number {
  const { data } = readPixels(overlay);
  let holes = 0;
  for (let p = 3; p < data.length; p += 4) if (data[p] >= halfAlpha) holes++;
  return holes;
}

/** The overlay's hole map (1 = hole, one byte per pixel). */
export function overlayHoles(overlay: HTMLCanvasElement): Uint8Array {
  const { data } = readPixels(overlay);
  const holes = new Uint8Array(data.length / 4);
  for (let i = 0; i < holes.length; i++) holes[i] = data[i * 4 + 3] >= halfAlpha ? 1 : 0;
  return holes;
}

/** The overlay as the black and white PNG the server reads: white = hole. */
export function overlayToMaskPng(overlay: HTMLCanvasElement): Promise<Blob> {
  const pixels = readPixels(overlay);
  const data = pixels.data;
  for (let p = 0; p < data.length; p += 4) {
    const value = data[p + 3] >= halfAlpha ? 255 : 0;
    data[p] = data[p + 1] = data[p + 2] = value;
    data[p + 3] = 255;
  }
  const canvas = document.createElement('canvas');
  canvas.width = overlay.width;
  canvas.height = overlay.height;
  context2d(canvas).putImageData(pixels, 0, 0);
  return canvasToPng(canvas);
}
