import { it } from 'vitest';
import { dilatedHoleTotalVariation, totalVariation } from '../../src/losses/index.js';
import { tidy, type Tensor } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { expectMatchesCase, expectMissesCase } from './fixture.js';

const composite = (output: Tensor, target: Tensor, hole: Tensor): Tensor => output.mul(hole).add(target.mul(hole.neg().add(1)));

describeWithEngine('total variation', () => {
  it("totalVariation is naoto0804's total_variation_loss on the composite", () => {
    tidy(() => expectMatchesCase('total variation (naoto0804, on the composite)', ({ output, target, hole }) =>
      totalVariation(composite(output, target, hole))));
  });

  it("totalVariation(composite · hole) is PRVS's TV_loss", () => {
    tidy(() => expectMatchesCase('total variation of composite * hole (PRVS)', ({ output, target, hole }) =>
      totalVariation(composite(output, target, hole).mul(hole))));
  });

  it("dilatedHoleTotalVariation is the PConv paper's term on the hole dilated by one pixel", () => {
    tidy(() => expectMatchesCase('total variation on the dilated hole (PConv paper)', ({ output, target, hole }) =>
      dilatedHoleTotalVariation(composite(output, target, hole), hole)));
  });

  it('without the dilation the paper term is missed', () => {
    tidy(() => expectMissesCase('total variation on the dilated hole (PConv paper)', ({ output, target, hole }) =>
      totalVariation(composite(output, target, hole).mul(hole))));
  });

  it('a sum instead of a mean is caught', () => {
    tidy(() => expectMissesCase('total variation (naoto0804, on the composite)', ({ output, target, hole }) => {
      const x = composite(output, target, hole);
      return x.narrow(3, 1, 7).sub(x.narrow(3, 0, 7)).abs().sum().add(x.narrow(2, 1, 7).sub(x.narrow(2, 0, 7)).abs().sum());
    }));
  });
});
