import { describe, expect, it } from 'vitest';
import { disFlow } from '../../../src/classical/flow/dis-flow.js';
import { createFlowField, endPointError } from '../../../src/classical/flow/flow-field.js';
import { renderPlane, textureAt } from './synthetic.js';

const width = 96, height = 80;
/** Pixels at least `border` from every edge: near the edge part of a patch leaves the frame. */
const interior = (border: number) => (x: number, y: number) => x >= border && y >= border && x < width - border && y < height - border;

describe('disFlow', () => {
  const texture = textureAt(7);
  const first = renderPlane(width, height, texture);

  for (const [u, v] of [[2.5, -1.25], [-7, 4], [13.5, 9]] as const) {
    it(`finds a translation of (${u}, ${v}) to within 0.15 px`, () => {
      // The second frame shows the content moved by (u, v): frame1(x + u, y + v) = frame0(x, y).
      const second = renderPlane(width, height, texture, (x, y) => [x - u, y - v]);
      const flow = disFlow(first, second);
      const truth = createFlowField(width, height, new Float32Array(width * height * 2).map((_, i) => (i % 2 === 0 ? u : v)));
      expect(endPointError(flow, truth, interior(16))).toBeLessThan(0.15);
    });
  }

  // Patches move rigidly: a rotation is followed piecewise, up to about half a pixel here.
  it('finds a 3 degree rotation about the centre to within 0.5 px', () => {
    const angle = (3 * Math.PI) / 180, cx = width / 2, cy = height / 2;
    const cos = Math.cos(angle), sin = Math.sin(angle);
    // Frame 1 shows frame 0 rotated by +angle: frame1(R p) = frame0(p), so frame1(q) = frame0(R^-1 q).
    const second = renderPlane(width, height, texture, (x, y) => [cx + cos * (x - cx) + sin * (y - cy), cy - sin * (x - cx) + cos * (y - cy)]);
    const truth = createFlowField(width, height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 2 * (y * width + x);
        truth.data[i] = cx + cos * (x - cx) - sin * (y - cy) - x;
        truth.data[i + 1] = cy + sin * (x - cx) + cos * (y - cy) - y;
      }
    }
    expect(endPointError(disFlow(first, second), truth, interior(16))).toBeLessThan(0.5);
  });

  it('gives zero flow between identical frames', () => {
    const flow = disFlow(first, first);
    expect(Math.max(...flow.data.map(Math.abs))).toBeLessThan(1e-3);
  });

  it('refuses frames of different sizes', () => {
    expect(() => disFlow(first, renderPlane(width, height - 1, texture))).toThrow(/one size/);
  });
});
