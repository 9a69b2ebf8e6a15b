/**
 * The native `gridLaplacianSolve` (src/native/grid_laplacian_solve.cc): on grids of odd, thin and
 * single-pixel shapes (nested dissection splits each differently) and weights spanning six orders
 * of magnitude as tsmooth's do, the solution satisfies (I + λ L_w) x = b to rounding.
 */
import { expect, it } from 'vitest';
import { loadNative } from '../../src/torch/index.js';
import { describeWithEngine } from './engine.js';

/** A deterministic pseudo-random sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** (I + λ L_w) x on the 4-neighbour grid, right[p] and down[p] weighing p's edges to the right and below. */
function apply(x: Float64Array, right: Float64Array, down: Float64Array, width: number, height: number, lambda: number): Float64Array {
  const out = Float64Array.from(x);
  for (let y = 0; y < height; y++) {
    for (let col = 0; col < width; col++) {
      const p = y * width + col;
      if (col < width - 1) {
        const flow = lambda * right[p] * (x[p] - x[p + 1]);
        out[p] += flow;
        out[p + 1] -= flow;
      }
      if (y < height - 1) {
        const flow = lambda * down[p] * (x[p] - x[p + width]);
        out[p] += flow;
        out[p + width] -= flow;
      }
    }
  }
  return out;
}

describeWithEngine('gridLaplacianSolve', () => {
  for (const [width, height] of [[1, 1], [1, 37], [23, 2], [17, 29], [40, 33]]) {
    it(`solves (I + λ L_w) x = b exactly on ${width}x${height}`, () => {
      const random = sequence(width * 1000 + height);
      const n = width * height;
      const weight = () => 10 ** (6 * random());
      const right = Float64Array.from({ length: n }, weight);
      const down = Float64Array.from({ length: n }, weight);
      const sides = [0, 1].map(() => Float64Array.from({ length: n }, random));
      const lambda = 0.0075;
      const solutions = loadNative().gridLaplacianSolve(right, down, width, height, lambda, sides);
      expect(solutions).toHaveLength(2);
      solutions.forEach((x, s) => {
        const residual = apply(x, right, down, width, height, lambda).map((v, p) => Math.abs(v - sides[s][p]));
        expect(Math.max(...residual)).toBeLessThan(1e-8);
      });
    });
  }

  it('names the argument that is wrong', () => {
    const native = loadNative();
    const ones = new Float64Array(6).fill(1);
    expect(() => native.gridLaplacianSolve(ones, new Float64Array(5), 3, 2, 0.01, [ones])).toThrow(/down of width x height = 6 entries, got 5/);
    expect(() => native.gridLaplacianSolve(ones, ones, 3, 2, 0.01, [new Float64Array(4)])).toThrow(/right-hand side/);
    expect(() => native.gridLaplacianSolve(ones, ones, 0, 2, 0.01, [])).toThrow(/width and height >= 1/);
  });
});
