import { it } from 'vitest';
import { holeL1, l1OverHoleFraction, validL1 } from '../../src/losses/index.js';
import { tidy } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { expectMatchesCase, expectMissesCase } from './fixture.js';

describeWithEngine('masked L1', () => {
  it("holeL1 is naoto0804's hole term (mean over all pixels)", () => {
    tidy(() => expectMatchesCase('hole l1 (naoto0804 hole)', ({ output, target, hole }) => holeL1(output, target, hole)));
  });

  it("validL1 is naoto0804's valid term", () => {
    tidy(() => expectMatchesCase('valid l1 (naoto0804 valid)', ({ output, target, hole }) => validL1(output, target, hole)));
  });

  it("l1OverHoleFraction is EdgeConnect's L1 / mean(mask)", () => {
    tidy(() => expectMatchesCase('l1 over hole fraction (EdgeConnect)', ({ output, target, hole }) => l1OverHoleFraction(output, target, hole)));
  });

  it('a mean over the hole pixels only (the other normalisation) is caught', () => {
    tidy(() => expectMissesCase('hole l1 (naoto0804 hole)', ({ output, target, hole }) =>
      output.sub(target).mul(hole).abs().sum().div(hole.sum().mul(3))));
  });

  it('the hole and valid terms are not interchangeable', () => {
    tidy(() => expectMissesCase('valid l1 (naoto0804 valid)', ({ output, target, hole }) => holeL1(output, target, hole)));
  });
});
