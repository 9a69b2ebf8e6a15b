/**
 * F.affineGrid against torch's affine_grid (test/fixtures/torch/affine-grid.json), both
 * align_corners values, and grid_sample through it: the sub-pixel difference CPNet's alignment
 * depends on (its weights were trained with torch 0.4's align_corners=True semantics).
 */
import { expect, it } from 'vitest';
import { F, tidy } from '../../src/torch/index.js';
import { describeWithEngine, expectClose, fromStored, readFixture, type StoredTensor } from './engine.js';

interface AffineGridFixture {
  theta: StoredTensor;
  image: StoredTensor;
  cases: { alignCorners: boolean; size: number[]; grid: StoredTensor; sampled?: StoredTensor }[];
}

const fixture = readFixture<AffineGridFixture>('affine-grid.json');

describeWithEngine('F.affineGrid', () => {
  for (const { alignCorners, size, grid, sampled } of fixture.cases) {
    it(`matches affine_grid size=[${size}] align_corners=${alignCorners}${sampled ? ' and grid_sample through it' : ''}`, () => {
      tidy(() => {
        const ours = F.affineGrid(fromStored(fixture.theta), size, { alignCorners });
        expectClose(ours, grid, 1e-6);
        if (sampled) expectClose(F.gridSample(fromStored(fixture.image), ours, { alignCorners }), sampled, 1e-5);
      });
    });
  }

  it('the two align_corners conventions differ by more than the tolerance', () => {
    const [aligned, unaligned] = [true, false].map((alignCorners) => fixture.cases.find((c) => c.alignCorners === alignCorners && c.size[2] === 5)!);
    tidy(() => {
      const ours = F.affineGrid(fromStored(fixture.theta), unaligned.size, { alignCorners: true });
      expect(() => expectClose(ours, unaligned.grid, 1e-6)).toThrow();
      expectClose(ours, aligned.grid, 1e-6);
    });
  });

  it('names what is wrong with a theta of the wrong shape', () => {
    tidy(() => {
      expect(() => F.affineGrid(fromStored(fixture.theta).view(2, 3, 2), [2, 3, 5, 7])).toThrow(/theta \[N,2,3\]/);
    });
  });
});
