import { describe, expect, it } from 'vitest';
import { harmonicFill } from '../../src/classical/smooth-fill.js';

/** A one-channel field `value(x, y)` with the rectangle [x0, x0+w) x [y0, y0+h) as hole (set to `holeValue`). */
function field(
  width: number, height: number, value: (x: number, y: number) => number,
  x0: number, y0: number, w: number, h: number, holeValue = 0,
): { data: Float32Array; hole: Uint8Array } {
  const data = new Float32Array(width * height);
  const hole = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inHole = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
      hole[y * width + x] = inHole ? 1 : 0;
      data[y * width + x] = inHole ? holeValue : value(x, y);
    }
  }
  return { data, hole };
}

function maxError(data: Float32Array, width: number, height: number, value: (x: number, y: number) => number): number {
  let max = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) max = Math.max(max, Math.abs(data[y * width + x] - value(x, y)));
  }
  return max;
}

const ramp = (x: number, y: number) => 3 * x + 2 * y + 10;

describe('harmonicFill', () => {
  it('constants: 3 channels (0, 77.5, 255), 30x20 with a 12x8 hole full of garbage: filled exactly', () => {
    const width = 30, height = 20, constants = [0, 77.5, 255];
    const data = new Float32Array(width * height * 3);
    const hole = new Uint8Array(width * height);
    for (let i = 0; i < width * height; i++) {
      const x = i % width, y = Math.floor(i / width);
      hole[i] = x >= 9 && x < 21 && y >= 6 && y < 14 ? 1 : 0;
      for (let c = 0; c < 3; c++) data[i * 3 + c] = hole[i] ? -1000 * (c + 1) : constants[c];
    }
    harmonicFill(data, hole, width, height, 3);
    for (let i = 0; i < width * height; i++) expect([data[i * 3], data[i * 3 + 1], data[i * 3 + 2]]).toEqual(constants);
  });

  it('a constant with the hole on the top-left corner and the right edge: filled exactly', () => {
    const width = 24, height = 16;
    const { data, hole } = field(width, height, () => 42, 0, 0, 6, 5, 999);
    for (let y = 8; y < 16; y++) hole[y * width + 23] = 1;
    harmonicFill(data, hole, width, height, 1);
    expect(data.every((v) => v === 42)).toBe(true);
  });

  it.each([
    [40, 30, 10, 8, 20, 14],
    [64, 64, 8, 8, 48, 48],
    [9, 9, 3, 3, 3, 3],
  ])('linear ramp 3x+2y+10 on %ix%i, hole at (%i,%i) of %ix%i: reproduced within 0.5', (width, height, x0, y0, w, h) => {
    // Linear functions are harmonic (their discrete Laplacian is 0): the exact answer is the ramp.
    const { data, hole } = field(width, height, ramp, x0, y0, w, h);
    harmonicFill(data, hole, width, height, 1);
    expect(maxError(data, width, height, ramp)).toBeLessThanOrEqual(0.5);
  });

  it('enough sweeps converge on a large hole: ramp on 100x80 with an 80x60 hole, 200 sweeps, within 0.1', () => {
    const { data, hole } = field(100, 80, ramp, 10, 10, 80, 60);
    harmonicFill(data, hole, 100, 80, 1, 200);
    expect(maxError(data, 100, 80, ramp)).toBeLessThanOrEqual(0.1);
  });

  it('known values are never changed, and hole values stay within the known range (maximum principle)', () => {
    const width = 32, height = 32;
    const value = (x: number, y: number) => ((x * 37 + y * 91) % 200) + 20;
    const { data, hole } = field(width, height, value, 8, 10, 14, 9, 5000);
    const before = data.slice();
    harmonicFill(data, hole, width, height, 1);
    for (let i = 0; i < data.length; i++) {
      if (!hole[i]) expect(data[i]).toBe(before[i]);
      else {
        expect(data[i]).toBeGreaterThanOrEqual(20);
        expect(data[i]).toBeLessThanOrEqual(219);
      }
    }
  });

  it('no hole: nothing changes', () => {
    const { data, hole } = field(10, 10, ramp, 0, 0, 0, 0);
    const before = data.slice();
    harmonicFill(data, hole, 10, 10, 1);
    expect(data).toEqual(before);
  });
});
