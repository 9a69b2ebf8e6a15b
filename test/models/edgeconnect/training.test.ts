/**
 * EdgeConnect's training against its official code run by python3-torch
 * (test/fixtures/models/edgeconnect/step.safetensors, made by make_step_fixture.py there): the
 * same seeded networks on the same batch give the official loss values, gradients (to 1e-3
 * relative) and, for the edge stage through the shared training step, the weights after one step
 * of each Adam.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { nonSaturating } from '../../../src/losses/index.js';
import { VggFeatures } from '../../../src/losses/vgg.js';
import { EdgeConnectDiscriminator } from '../../../src/models/edgeconnect/discriminator.js';
import { grayAndEdges } from '../../../src/models/edgeconnect/edges.js';
import { EdgeConnectInpaintGenerator } from '../../../src/models/edgeconnect/generator.js';
import { edgeConnectVggTaps, inpaintStageLosses } from '../../../src/models/edgeconnect/losses.js';
import { fillFromEdges, type EdgeConnectGenerators } from '../../../src/models/edgeconnect/network.js';
import { edgeConnectTraining } from '../../../src/models/edgeconnect/training.js';
import { tidy, zeros, type Tensor } from '../../../src/torch/index.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { sampled, seeded, seededHe, warmed } from './seeded-weights.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'edgeconnect', 'step.safetensors');

describeWithEngine('EdgeConnect training reproduces the official losses, gradients and step', () => {
  const { want } = fixtureTensors(fixture);
  const scalar = (name: string): number => want(name).item() as number;
  const batch = { image: want('images'), mask: want('masks') };

  /**
   * Every parameter's sampled gradient against the reference: the largest difference over the
   * largest reference value. Biases of convolutions that an instance norm follows have no gradient
   * in exact arithmetic, only rounding noise (below 1e-6 of the network's largest gradient): those
   * must be as small here, and are returned by name, since Adam's first step moves them by
   * the noise's sign.
   */
  function compareGradients(module: AnyModule, prefix: string): { worst: number; noise: Set<string> } {
    const pairs = module.namedParameters().map(([name, parameter]) => {
      const theirs = want(`${prefix}.${name}`).toArray() as Float32Array;
      return { name, ours: sampled(parameter.grad!), theirs, scale: Math.max(...theirs.map(Math.abs)) };
    });
    const largest = Math.max(...pairs.map((pair) => pair.scale));
    let worst = 0;
    const noise = new Set<string>();
    for (const { name, ours, theirs, scale } of pairs) {
      expect(ours.length, name).toBe(theirs.length);
      const diff = Math.max(...ours.map((value, i) => Math.abs(value - theirs[i])));
      if (scale < 1e-6 * largest) {
        expect(Math.max(...ours.map(Math.abs)), name).toBeLessThan(1e-6 * largest);
        noise.add(name);
      } else {
        worst = Math.max(worst, diff / scale);
      }
    }
    return { worst, noise };
  }

  it('the training batch\'s grey image and Canny edges are the official dataset\'s', () => {
    for (let i = 0; i < 2; i++) {
      const { gray, edges } = grayAndEdges(batch.image.narrow(0, i, 1), zeros([1, 1, 32, 32]));
      expect(gray.sub(want('gray').narrow(0, i, 1)).abs().amax().item()).toBeLessThan(1e-7);
      expect(edges.sub(want('edges').narrow(0, i, 1)).abs().amax().item()).toBe(0);
    }
  });

  it('edge stage: losses, gradients (generator\'s with the discriminator before its update) and one Adam step of each network', async () => {
    const session = await edgeConnectTraining.create({ size: 32, batch: 2, stage: 'edge', lr: 1e-4, d2gLr: 0.1, gan: 'nsgan', residualBlocks: 2, off: '' });
    const generator = (session.generator.module as EdgeConnectGenerators).edge;
    const discriminator = (session.discriminator!.module as unknown as { edge: EdgeConnectDiscriminator }).edge;
    warmed(seeded(generator, 31), zeros([1, 3, 16, 16])).train();
    warmed(seeded(discriminator, 32), zeros([1, 2, 32, 32])).train();

    const values = tidy(() => trainingStep(session, batch));
    for (const term of ['l_d1', 'l_g1', 'l_fm']) expect(Math.abs(values[term] - scalar(`edge.${term}`)), term).toBeLessThan(1e-4);
    const gradients = { g: compareGradients(generator, 'edge.grad.g'), d: compareGradients(discriminator, 'edge.grad.d') };
    expect(gradients.g.worst).toBeLessThan(1e-3);
    expect(gradients.d.worst).toBeLessThan(1e-3);

    // After the step: every weight as the official step left it (lr 1e-4, so a wrong step is off by about that).
    let worst = 0;
    for (const [module, key] of [[generator, 'g'], [discriminator, 'd']] as const) {
      for (const [name, tensor] of module.stateDict()) {
        if (gradients[key].noise.has(name)) continue;
        const theirs = want(`edge.after.${key}.${name}`).toArray() as Float32Array;
        sampled(tensor).forEach((value, i) => (worst = Math.max(worst, Math.abs(value - theirs[i]))));
      }
    }
    expect(worst).toBeLessThan(2e-6);
    session.generator.module.dispose();
    session.discriminator!.module.dispose();
  });

  it('inpainting stage: the losses of model 2 and both networks\' gradients', () => {
    const generator = seeded(new EdgeConnectInpaintGenerator({ residualBlocks: 2 }), 41).train();
    const discriminator = warmed(seeded(new EdgeConnectDiscriminator(3), 42), zeros([1, 3, 32, 32])).train();
    const vgg = seededHe(new VggFeatures(19, edgeConnectVggTaps), 43);
    tidy(() => {
      const [images, masks, edges] = [want('images'), want('masks'), want('edges')];
      const outputs = fillFromEdges(generator, { images, masks, edges, gray: want('gray') }, edges);
      expect(outputs.sub(want('inpaint.outputs')).abs().amax().item()).toBeLessThan(1e-4);
      const losses = inpaintStageLosses(discriminator, nonSaturating, images, masks, outputs, { features: vgg, perceptual: true, style: true });
      const terms = { ...losses.discriminator.terms, ...losses.generator.terms };
      for (const term of ['l_d2', 'l_g2', 'l_l1', 'l_per', 'l_sty']) {
        expect(Math.abs((terms[term].item() as number) - scalar(`inpaint.${term}`)) / Math.abs(scalar(`inpaint.${term}`)), term).toBeLessThan(1e-4);
      }
      losses.generator.total.backward();
      expect(compareGradients(generator, 'inpaint.grad.g').worst).toBeLessThan(1e-3);
      discriminator.zeroGrad();
      losses.discriminator.total.backward();
      expect(compareGradients(discriminator, 'inpaint.grad.d').worst).toBeLessThan(1e-3);
    });
    for (const module of [generator, discriminator, vgg]) module.dispose();
  });
});
