/**
 * One step of `inpaint train --model prvs` (the shared loop's trainingStep on prvsTraining's
 * session) against the official losses and Adam in python3-torch (test/fixtures/models/prvs/
 * step.safetensors, made by make_step_fixture.py: both losses from the networks before either
 * update, as model.py's generator loss sees the discriminator), perceptual and style off: the losses to 1e-4 (relative), and every weight of
 * both networks after the step (the first 4096 elements of each; see below for Adam's sign flips).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EdgeConnectDiscriminator } from '../../../src/models/edgeconnect/discriminator.js';
import type { PrvsNet } from '../../../src/models/prvs/generator.js';
import { prvsTraining } from '../../../src/models/prvs/training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { cat, noGrad, tidy, type Adam } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { fixtureFolder } from './fixture.js';
import { seeded } from './seeded.js';

describeWithEngine('PRVS training step against the official losses and Adam (2x3x64x64)', () => {
  it('losses and the weights of both networks after one step', async () => {
    const { want } = fixtureTensors(join(fixtureFolder, 'step.safetensors'));
    const session = await prvsTraining.create(prvsTraining.options.parse({ size: 64, batch: 2, lr: 2e-4, lrD: 2e-5, layerSize: 5, width: 32, off: 'perceptual,style' }));
    const generator = seeded(session.generator.module as PrvsNet, 20).train();
    const discriminator = seeded(session.discriminator!.module as EdgeConnectDiscriminator, 21).train();
    const [images, hole, edges] = ['images', 'hole', 'edges'].map(want);
    noGrad(() => {
      const gray = tidy(() => {
        const [r, g, b] = images.split(1, 1);
        return r.mul(0.2125).add(g.mul(0.7154)).add(b.mul(0.0721));
      });
      for (let i = 0; i < 10; i++) tidy(() => void discriminator.call(cat([edges.mul(4).clamp(0, 1), gray], 1)));
    });

    const losses = tidy(() => trainingStep(session, { image: images, mask: hole }));
    const lossDiffs = Object.fromEntries([['d_loss', 'd_loss'], ['g_loss', 'g_loss'], ['tv', 'tv'], ['valid', 'valid'], ['hole', 'hole_l1'], ['adversarial', 'adversarial']]
      .map(([ours, theirs]) => [ours, Math.abs(losses[ours] - (want(theirs).item() as number)) / Math.abs(want(theirs).item() as number)]));
    console.log(`prvs step losses (relative): ${JSON.stringify(lossDiffs)}`);
    for (const [name, diff] of Object.entries(lossDiffs)) expect(diff, name).toBeLessThanOrEqual(1e-4);

    // Adam's first step moves a weight by about lr * sign(gradient): where a gradient is rounding
    // noise the sign can differ, and the weight by 2 lr. That is every element of a bias just before
    // a training-mode batch norm (its gradient is mathematically zero) and, elsewhere, the odd
    // element whose gradient is near zero: at most 0.2 % of a tensor. Everything else within 1e-6
    // (relative to the tensor's scale for the running variances).
    const lr = 2e-4;
    const noiseBiases = new Set(['G.enc_1.feat_rec.bias', 'G.enc_2.feat_rec.bias', 'G.dec_2.deconv.bias']);
    let flipped = 0, checked = 0, worstOther = 0;
    for (const [prefix, module] of [['G', generator], ['D', discriminator]] as const) {
      for (const [name, value] of module.stateDict()) {
        if (value.dtype !== 'float32') continue;
        const key = `${prefix}.${name}`;
        const head = want(`after.${key}`);
        const { largest, off, scale } = tidy(() => {
          const diff = value.reshape(-1).narrow(0, 0, head.shape[0]).sub(head).abs();
          const scale = Math.max(1, head.abs().amax().item() as number);
          return { largest: diff.amax().item() as number, off: diff.gt(1e-6 * scale).sum().item() as number, scale };
        });
        expect(largest, `${key}: no element further than a flipped step`).toBeLessThanOrEqual(2 * lr * 1.01 * scale);
        if (!noiseBiases.has(key)) {
          expect(off, `${key}: elements off by more than 1e-6`).toBeLessThanOrEqual(Math.max(2, 0.002 * head.shape[0]));
          flipped += off;
          checked += head.shape[0];
          if (off === 0) worstOther = Math.max(worstOther, largest / scale);
        }
      }
    }
    console.log(`prvs step weights: ${flipped} of ${checked} elements flipped (outside the noise biases); the rest within ${worstOther.toExponential(2)}`);
    for (const network of [generator, discriminator]) network.dispose();
  });
});

describeWithEngine('PRVS fine-tuning session (run.py --finetune)', () => {
  it('freezes the encoder\'s batch norms and trains at 5e-5 (generator) and 5e-6 (discriminator)', async () => {
    const settings = (finetune: boolean) => prvsTraining.options.parse({ size: 64, batch: 1, layerSize: 5, width: 32, off: 'perceptual,style', finetune });
    for (const finetune of [false, true]) {
      const session = await prvsTraining.create(settings(finetune));
      const generator = session.generator.module as PrvsNet;
      expect(generator.freezeEncoderBatchNorm).toBe(finetune);
      expect([(session.generator.optimizer as Adam).lr, (session.discriminator!.optimizer as Adam).lr]).toEqual(finetune ? [5e-5, 5e-6] : [2e-4, 2e-5]);
      generator.dispose();
      session.discriminator!.module.dispose();
    }
  });
});
