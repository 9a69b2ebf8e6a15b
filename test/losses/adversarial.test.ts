import { expect, it } from 'vitest';
import {
  hinge,
  leastSquares,
  nonSaturating,
  relativisticAverageLeastSquares,
  wasserstein,
  type AdversarialObjective,
} from '../../src/losses/index.js';
import { tensor, tidy } from '../../src/torch/index.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { describeWithEngine } from '../torch/engine.js';
import { expectMatchesCase, expectMissesCase } from './fixture.js';

const objectives: [string, AdversarialObjective][] = [
  ['hinge', hinge],
  ['nsgan', nonSaturating],
  ['lsgan', leastSquares],
  ['ralsgan', relativisticAverageLeastSquares],
  ['wgan', wasserstein],
];

const caseName = (objective: string, side: 'd' | 'g'): string =>
  objective === 'ralsgan' ? `ralsgan ${side} (CSA)` : `${objective} ${side}`;

describeWithEngine('adversarial objectives', () => {
  for (const [name, objective] of objectives) {
    it(`${name}: discriminator and generator losses match the official formula`, () => {
      tidy(() => expectMatchesCase(caseName(name, 'd'), ({ real, fake }) => objective.discriminator(real, fake)));
      tidy(() => expectMatchesCase(caseName(name, 'g'), ({ real, fake }) => objective.generator(fake, real)));
    });
  }

  it('swapping the discriminator and generator sides of the relativistic loss is caught', () => {
    tidy(() => expectMissesCase('ralsgan g (CSA)', ({ real, fake }) => relativisticAverageLeastSquares.discriminator(real, fake)));
  });

  it('the saturating generator loss (-BCE(D(fake), 0)) is caught', () => {
    tidy(() => expectMissesCase('nsgan g', ({ real, fake }) => nonSaturating.discriminator(real, fake).mul(0).sub(
      fake.neg().add(1).log().mean().neg())));
  });

  it('LSGAN without the halving of the discriminator loss is caught', () => {
    tidy(() => expectMissesCase('lsgan d', ({ real, fake }) => leastSquares.discriminator(real, fake).mul(2)));
  });

  it("BCE clamps each log at -100 as nn.BCELoss does", () => {
    tidy(() => {
      expect(nonSaturating.generator(tensor([0, 1])).item()).toBeCloseTo(50, 5);
    });
  });

  it('the relativistic generator loss without the real outputs is a clear error', () => {
    tidy(() => {
      expect(() => relativisticAverageLeastSquares.generator(tensor([1]))).toThrow(InvalidInputError);
    });
  });
});
