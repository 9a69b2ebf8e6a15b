import type { Rect } from '../core/image.js';

/**
 * A brush stroke: a polyline drawn with a round brush. `points` holds the vertices interleaved,
 * `x0, y0, x1, y1, ...`, in continuous pixel coordinates (pixel (x, y) covers [x, x+1) x [y, y+1)).
 * At least two vertices; a dot repeats its one vertex.
 */
export interface Stroke {
  readonly points: Float64Array;
  readonly width: number;
}

/**
 * Sets to `mark` every pixel of `data` (row-major, `width` wide) that is still 0 and whose centre
 * lies within half the brush width of one of the stroke's segments: each segment is a capsule, so
 * the ends and the joints come out round. Pixels already set are left alone, so the return value,
 * the number of pixels newly marked, is exactly how much the stroke adds to the hole.
 */
export function stampStroke(data: Uint8Array, width: number, height: number, stroke: Stroke, mark: number): number {
  const { points } = stroke;
  const radius = stroke.width / 2;
  const radius2 = radius * radius;
  let added = 0;
  for (let p = 0; p + 3 < points.length; p += 2) {
    const ax = points[p], ay = points[p + 1];
    const bx = points[p + 2], by = points[p + 3];
    const dx = bx - ax, dy = by - ay;
    const length2 = dx * dx + dy * dy;
    // Only the segment's bounding box, widened by the radius, can hold covered pixel centres.
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - radius));
    const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + radius));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - radius));
    const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + radius));
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5 - ay;
      const row = y * width;
      for (let x = x0; x <= x1; x++) {
        const i = row + x;
        if (data[i] !== 0) continue;
        const px = x + 0.5 - ax;
        // Distance from the pixel centre to the nearest point of the segment.
        let t = length2 > 0 ? (px * dx + py * dy) / length2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx, ey = py - t * dy;
        if (ex * ex + ey * ey <= radius2) {
          data[i] = mark;
          added++;
        }
      }
    }
  }
  return added;
}

/** The pixels a stroke can touch, clipped to the mask; `x1`/`y1` exclusive, possibly empty. */
export function strokeBounds(stroke: Stroke, width: number, height: number): Rect {
  const { points } = stroke;
  const radius = stroke.width / 2;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let p = 0; p < points.length; p += 2) {
    minX = Math.min(minX, points[p]);
    maxX = Math.max(maxX, points[p]);
    minY = Math.min(minY, points[p + 1]);
    maxY = Math.max(maxY, points[p + 1]);
  }
  return {
    x0: Math.max(0, Math.floor(minX - radius)),
    y0: Math.max(0, Math.floor(minY - radius)),
    x1: Math.min(width, Math.ceil(maxX + radius) + 1),
    y1: Math.min(height, Math.ceil(maxY + radius) + 1),
  };
}

/** Rewrites every `from` pixel inside `rect` to `to`: commits or undoes a stamped stroke. */
export function replaceInRect(data: Uint8Array, width: number, rect: Rect, from: number, to: number): void {
  for (let y = rect.y0; y < rect.y1; y++) {
    const row = y * width;
    for (let x = rect.x0; x < rect.x1; x++) {
      if (data[row + x] === from) data[row + x] = to;
    }
  }
}
