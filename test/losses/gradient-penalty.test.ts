import { it } from 'vitest';
import { gradientPenalty } from '../../src/losses/index.js';
import { autograd, F, tidy, type Tensor } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { expectMatchesCase, expectMissesCase } from './fixture.js';

const NAME = 'gradient penalty (LBAM, weight 10)';

function critic(inputs: Record<string, Tensor>): (x: Tensor) => Tensor {
  const { w1, b1, w2, b2 } = inputs;
  return (x) => F.sigmoid(F.conv2d(F.leakyRelu(F.conv2d(x, w1, b1, { padding: 1 }), 0.2), w2, b2, { padding: 1 }));
}

describeWithEngine('WGAN-GP gradient penalty', () => {
  it("matches LBAM's calc_gradient_penalty, gradients into the critic's weights included (double backward)", () => {
    tidy(() => expectMatchesCase(NAME, (inputs) => gradientPenalty(critic(inputs), inputs.real, inputs.fake, inputs.alpha)));
  });

  it('a penalty on the squared norm instead of the norm is caught', () => {
    tidy(() => expectMissesCase(NAME, (inputs) => {
      const mixed = inputs.real.mul(inputs.alpha).add(inputs.fake.mul(inputs.alpha.neg().add(1))).requiresGrad_();
      const [g] = autograd.grad(critic(inputs)(mixed).sum(), mixed, { createGraph: true });
      return g!.reshape(2, -1).pow(2).sum(1).sub(1).pow(2).mean().mul(10);
    }));
  });

  it('without createGraph no gradient reaches the critic through the penalty', () => {
    tidy(() => expectMissesCase(NAME, (inputs) => {
      const mixed = inputs.real.mul(inputs.alpha).add(inputs.fake.mul(inputs.alpha.neg().add(1))).requiresGrad_();
      const [g] = autograd.grad(critic(inputs)(mixed).sum(), mixed);
      // A constant penalty: its value is right, but the critic's weights get no gradient.
      return g!.reshape(2, -1).pow(2).sum(1).sqrt().sub(1).pow(2).mean().mul(10).add(inputs.w1.sum().mul(0));
    }));
  });
});
