import { expect, it } from 'vitest';
import { featureMatchingLoss, gramMatrix, perceptualLoss, styleLoss } from '../../src/losses/index.js';
import { tidy } from '../../src/torch/index.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { describeWithEngine } from '../torch/engine.js';
import { caseInputs, expectMatchesCase, expectMissesCase, lossCase } from './fixture.js';

describeWithEngine('Gram matrix, perceptual, style and feature matching on feature maps', () => {
  it('gramMatrix is f fᵀ / (C·H·W)', () => {
    tidy(() => expectMatchesCase('gram matrix', ({ a0 }) => gramMatrix(a0).pow(2).sum()));
  });

  it('a Gram matrix normalised by H·W only is caught', () => {
    tidy(() => expectMissesCase('gram matrix', ({ a0 }) => gramMatrix(a0).mul(a0.shape[1]).pow(2).sum()));
  });

  it("styleLoss is naoto0804's and equals PRVS's formulation", () => {
    tidy(() => expectMatchesCase('style (naoto0804 gram, l1)', ({ a0, a1, b0, b1 }) => styleLoss([a0, a1], [b0, b1])));
    tidy(() => expectMatchesCase('style (PRVS formulation)', ({ a0, a1, b0, b1 }) => styleLoss([a0, a1], [b0, b1])));
  });

  it('perceptualLoss weights each layer', () => {
    tidy(() => expectMatchesCase('perceptual (weights 1, 0.5)', ({ a0, a1, b0, b1 }) => perceptualLoss([a0, a1], [b0, b1], [1, 0.5])));
    tidy(() => expectMissesCase('perceptual (weights 1, 0.5)', ({ a0, a1, b0, b1 }) => perceptualLoss([a0, a1], [b0, b1])));
  });

  it("featureMatchingLoss is EdgeConnect's, with no gradient into the real features", () => {
    tidy(() => expectMatchesCase('feature matching (EdgeConnect)', ({ a0, a1, b0, b1 }) => featureMatchingLoss([a0, a1], [b0, b1])));
    tidy(() => {
      const { a0, b0 } = caseInputs(lossCase('feature matching (EdgeConnect)'));
      const real = b0.requiresGrad_();
      featureMatchingLoss([a0], [real]).backward();
      expect(real.grad).toBeUndefined();
    });
  });

  it('lists of different lengths are an input error', () => {
    tidy(() => {
      const { a0, a1, b0 } = caseInputs(lossCase('gram matrix'));
      expect(() => styleLoss([a0, a1], [b0])).toThrow(InvalidInputError);
      expect(() => perceptualLoss([a0], [b0], [1, 2])).toThrow(InvalidInputError);
    });
  });
});
