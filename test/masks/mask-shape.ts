import { holeCount, type Mask } from '../../src/core/image.js';

/** Test helpers that describe a mask's shape. */

/** Number of 8-connected hole regions. */
export function countComponents(mask: Mask): number {
  const { width, height, data } = mask;
  const seen = new Uint8Array(data.length);
  const stack: number[] = [];
  let components = 0;
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || seen[start]) continue;
    components++;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width, y = (i - x) / width;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const j = ny * width + nx;
          if (data[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
  }
  return components;
}

/**
 * Share of hole pixels whose whole (2r+1)x(2r+1) neighbourhood is hole too (pixels outside the
 * mask count as hole): near 1 for thick strokes, near 0 for hairlines.
 */
export function interiorShare(mask: Mask, r: number): number {
  const { width, height, data } = mask;
  let holes = 0, interior = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!data[y * width + x]) continue;
      holes++;
      let inside = true;
      for (let ny = Math.max(0, y - r); inside && ny <= Math.min(height - 1, y + r); ny++) {
        for (let nx = Math.max(0, x - r); nx <= Math.min(width - 1, x + r); nx++) {
          if (!data[ny * width + nx]) {
            inside = false;
            break;
          }
        }
      }
      if (inside) interior++;
    }
  }
  return interior / holes;
}

/** Hole pixels over all pixels. */
export function holeRatio(mask: Mask): number {
  return holeCount(mask) / mask.data.length;
}

/** Whether every byte is 0 or 1. */
export function isBinary(mask: Mask): boolean {
  return mask.data.every((v) => v === 0 || v === 1);
}

/** Whether two masks hold the same bytes (fast, unlike a deep equality on 65536 elements). */
export function sameData(a: Mask, b: Mask): boolean {
  return Buffer.compare(a.data, b.data) === 0;
}
