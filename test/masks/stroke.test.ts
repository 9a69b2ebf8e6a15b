import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/masks/random.js';
import { replaceInRect, stampStroke, strokeBounds, type Stroke } from '../../src/masks/stroke.js';

function stroke(width: number, ...xy: number[]): Stroke {
  return { points: Float64Array.from(xy), width };
}

/** The marked pixels of a 12x12 grid as rows of '#' and '.'. */
function picture(data: Uint8Array, width: number): string[] {
  const rows: string[] = [];
  for (let y = 0; y < data.length / width; y++) {
    rows.push(Array.from(data.subarray(y * width, (y + 1) * width), (v) => (v ? '#' : '.')).join(''));
  }
  return rows;
}

describe('stampStroke', () => {
  it('a width-1 dot on a pixel centre covers that pixel only', () => {
    const data = new Uint8Array(12 * 12);
    expect(stampStroke(data, 12, 12, stroke(1, 5.5, 5.5, 5.5, 5.5), 1)).toBe(1);
    expect(data[5 * 12 + 5]).toBe(1);
  });

  it('a width-5 dot is a 5x5 square without its corners (round brush)', () => {
    const data = new Uint8Array(12 * 12);
    expect(stampStroke(data, 12, 12, stroke(5, 5.5, 5.5, 5.5, 5.5), 1)).toBe(21);
    expect(picture(data, 12).slice(3, 8)).toEqual([
      '....###.....',
      '...#####....',
      '...#####....',
      '...#####....',
      '....###.....',
    ]);
  });

  it('a width-5 horizontal segment has round caps at both ends', () => {
    const data = new Uint8Array(12 * 12);
    stampStroke(data, 12, 12, stroke(5, 3.5, 5.5, 8.5, 5.5), 1);
    expect(picture(data, 12).slice(2, 9)).toEqual([
      '............',
      '..########..',
      '.##########.',
      '.##########.',
      '.##########.',
      '..########..',
      '............',
    ]);
  });

  it('a width-3 polyline with a right-angle bend has no gap at the joint', () => {
    const data = new Uint8Array(12 * 12);
    stampStroke(data, 12, 12, stroke(3, 2.5, 2.5, 8.5, 2.5, 8.5, 9.5), 1);
    expect(picture(data, 12).slice(0, 12)).toEqual([
      '............',
      '.#########..',
      '.#########..',
      '.#########..',
      '.......###..',
      '.......###..',
      '.......###..',
      '.......###..',
      '.......###..',
      '.......###..',
      '.......###..',
      '............',
    ]);
  });

  it('a diagonal segment is as thick as a straight one: every pixel within 1.5 px of the line', () => {
    const data = new Uint8Array(12 * 12);
    stampStroke(data, 12, 12, stroke(3, 2.5, 2.5, 9.5, 9.5), 1);
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 12; x++) {
        // Distance from the centre of (x, y) to the line y = x, for pixels beside the segment.
        const inside = Math.abs(x - y) / Math.SQRT2 <= 1.5 && x + y >= 4 && x + y <= 18;
        if (inside) expect(data[y * 12 + x], `(${x}, ${y})`).toBe(1);
      }
    }
  });

  it('counts only pixels it newly covers and leaves set pixels alone', () => {
    const data = new Uint8Array(12 * 12);
    data[5 * 12 + 5] = 1;
    expect(stampStroke(data, 12, 12, stroke(3, 5.5, 5.5, 5.5, 5.5), 2)).toBe(8);
    expect(data[5 * 12 + 5]).toBe(1);
    expect(data[5 * 12 + 6]).toBe(2);
  });

  it('a stroke that leaves the mask is clipped to it', () => {
    const data = new Uint8Array(12 * 12);
    const added = stampStroke(data, 12, 12, stroke(5, -10, 0.5, 30, 0.5), 1);
    // Rows 0..2 of the mask lie within 2.5 px of y = 0.5; the rest of the brush is outside.
    expect(added).toBe(36);
    expect(picture(data, 12).slice(0, 4)).toEqual(['############', '############', '############', '............']);
  });
});

describe('strokeBounds', () => {
  it('holds every pixel of 200 random strokes', () => {
    const rng = createRng(1);
    let outside = 0;
    for (let n = 0; n < 200; n++) {
      const points = Float64Array.from({ length: 2 * rng.int(2, 5) }, () => rng.uniform(-8, 40));
      const s: Stroke = { points, width: rng.uniform(1, 12) };
      const data = new Uint8Array(32 * 32);
      stampStroke(data, 32, 32, s, 1);
      const b = strokeBounds(s, 32, 32);
      for (let i = 0; i < data.length; i++) {
        if (!data[i]) continue;
        const x = i % 32, y = (i - x) / 32;
        if (x < b.x0 || x >= b.x1 || y < b.y0 || y >= b.y1) outside++;
      }
    }
    expect(outside).toBe(0);
  });
});

describe('replaceInRect', () => {
  it('rewrites only the given value and only inside the rectangle', () => {
    const data = Uint8Array.from([2, 2, 1, 2, 2, 0, 2, 2, 2]);
    replaceInRect(data, 3, { x0: 0, y0: 0, x1: 2, y1: 2 }, 2, 1);
    expect([...data]).toEqual([1, 1, 1, 1, 1, 0, 2, 2, 2]);
  });
});
