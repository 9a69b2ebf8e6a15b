/**
 * CPNet's training loss against the paper's formulas written independently in python3-torch
 * (test/fixtures/models/cpnet/training.safetensors, made by make_training_fixture.py): every
 * term, the total and its gradients on random tensors; then the official network (full size,
 * seeded weights) on a 3-frame clip through the training forward: the terms, the gradients of the
 * total in the network's parameters, and those of the alignment term alone, which reach the
 * alignment network and only it. An inverted mask misses; the alignment loss is smaller at the
 * true affine matrix of a synthetic pair than at wrong ones.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PCONV_VGG16_LAYERS } from '../../../src/losses/index.js';
import { alignmentL1, cpnetLoss, CPNET_LOSS_TERMS, type CPNetLossInputs } from '../../../src/models/cpnet/losses.js';
import { cpnetTrainingForward } from '../../../src/models/cpnet/training.js';
import { F, manualSeed, ones, rand, tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { seededVgg } from '../../losses/fixture.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors } from '../fixture-tensors.js';
import { seededCPNet } from './seeded-weights.js';

const { want, has, metadata } = fixtureTensors(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'cpnet', 'training.safetensors'));
const names = CPNET_LOSS_TERMS.map((term) => term.name);

/** max |actual − expected| / max |expected|. */
function relativeError(actual: Tensor, expected: Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return tidy(() => (actual.sub(expected).abs().amax().item() as number) / Math.max(expected.abs().amax().item() as number, 1e-12));
}

function termsInputs(hole: Tensor): CPNetLossInputs {
  const predicted = want('terms.predicted').requiresGrad_();
  return {
    gt: want('terms.gt'),
    hole,
    predicted,
    composite: predicted.mul(hole).add(want('terms.gt').mul(hole.neg().add(1))),
    copyMask: want('terms.copy_mask'),
    aligned: want('terms.aligned').requiresGrad_(),
    alignedTarget: want('terms.aligned_target'),
    visibleInBoth: want('terms.visible_in_both'),
  };
}

describeWithEngine('CPNet training loss against the paper formulas in python3-torch', () => {
  it('every term, the weighted total and its gradients in the output and the aligned references', () => {
    const vgg = seededVgg(16, PCONV_VGG16_LAYERS);
    const inputs = termsInputs(want('terms.hole'));
    const { total, terms } = cpnetLoss(inputs, CPNET_LOSS_TERMS, vgg);
    total.backward();
    const errors: Record<string, number> = { total: relativeError(total.reshape(1), want('terms.total')) };
    for (const name of names) errors[name] = relativeError(terms[name].reshape(1), want(`terms.${name}`));
    errors['grad.predicted'] = relativeError(inputs.predicted.grad!, want('terms.grad.predicted'));
    errors['grad.aligned'] = relativeError(inputs.aligned.grad!, want('terms.grad.aligned'));
    console.log('cpnet loss terms, relative errors:', errors);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(name.startsWith('grad') ? 1e-3 : 1e-4);
    vgg.dispose();
  });

  it('an inverted mask misses the hole and valid terms', () => {
    const { terms } = cpnetLoss(termsInputs(want('terms.hole').neg().add(1)), CPNET_LOSS_TERMS.filter((term) => !term.vgg));
    for (const name of ['vh', 'nvh', 'nh', 'tv']) expect(relativeError(terms[name].reshape(1), want(`terms.${name}`)), name).toBeGreaterThan(0.05);
  });

  it('the official network on a clip: the terms, the total, its gradients, and the alignment term reaching only the alignment network', () => {
    const vgg = seededVgg(16, PCONV_VGG16_LAYERS);
    const net = seededCPNet(Number(metadata.seed)).train();
    // The fixture's [1,C,T,H,W] as the loop's clip batch [1,T,C,H,W].
    const batch = { image: want('net.gts').permute(0, 2, 1, 3, 4), mask: want('net.holes').permute(0, 2, 1, 3, 4) };
    const prediction = cpnetTrainingForward(net, batch);
    const { total, terms } = cpnetLoss(prediction, CPNET_LOSS_TERMS, vgg);
    const errors: Record<string, number> = {
      total: relativeError(total.reshape(1), want('net.total')),
      copyMask: relativeError(prediction.copyMask, want('net.copy_mask')),
      visibleInBoth: relativeError(prediction.visibleInBoth, want('net.visible_in_both')),
    };
    for (const name of names) errors[name] = relativeError(terms[name].reshape(1), want(`net.${name}`));

    terms.align.backward(undefined, { retainGraph: true });
    const parameters = new Map(net.namedParameters());
    const firstValues = (name: string) => parameters.get(name)!.grad!.reshape(-1).narrow(0, 0, want(`net.grad.${name}`).shape[0]);
    for (const name of ['A_Regressor.fc.weight', 'A_Regressor.fc.bias', 'A_Regressor.conv45.conv.0.weight', 'A_Encoder.conv12.conv.0.weight']) {
      expect(tidy(() => parameters.get(name)!.grad!.abs().amax().item() as number), name).toBeGreaterThan(1e-4);
      errors[`align_grad.${name}`] = relativeError(firstValues(name), want(`net.align_grad.${name}`));
    }
    // The aligned frames do not depend on the copy and paste networks.
    for (const name of ['Encoder.conv12.conv.0.weight', 'Decoder.conv21.conv.0.weight']) {
      const grad = parameters.get(name)!.grad;
      expect(grad ? (grad.abs().amax().item() as number) : 0, name).toBe(0);
    }

    net.zeroGrad();
    total.backward();
    for (const name of ['A_Regressor.fc.weight', 'A_Regressor.fc.bias', 'A_Regressor.conv45.conv.0.weight', 'A_Encoder.conv12.conv.0.weight', 'Encoder.conv12.conv.0.weight', 'Decoder.conv21.conv.0.weight']) {
      errors[`grad.${name}`] = relativeError(firstValues(name), want(`net.grad.${name}`));
    }
    let norms = 0;
    for (const [name, parameter] of parameters) {
      if (!parameter.grad || !has(`net.gradnorm.${name}`)) continue;
      errors[`gradnorm.${name}`] = relativeError(parameter.grad.pow(2).sum().sqrt().reshape(1), want(`net.gradnorm.${name}`));
      norms++;
    }
    expect(norms).toBe(60);
    const worst = Object.entries(errors).reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log(`cpnet training forward: ${Object.keys(errors).length} values, worst ${worst[0]} ${worst[1].toExponential(2)}; terms`,
      Object.fromEntries(names.map((name) => [name, terms[name].item()])));
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(name.includes('grad') ? 1e-3 : 1e-4);
    net.dispose();
    vgg.dispose();
  }, 180_000);

  it('the alignment loss of a synthetic pair is smallest at the true affine matrix, and its gradient points there', () => {
    manualSeed(4);
    const [height, width, shift] = [24, 32, 3];
    const scene = F.interpolate(rand([1, 3, 6, 9]), { size: [height, width + shift], mode: 'bilinear', alignCorners: false });
    // target[x] = scene[x], reference[x] = scene[x + shift]: the target's x is the reference's x − shift.
    const target = scene.narrow(3, 0, width);
    const reference = scene.narrow(3, shift, width);
    const loss = (tx: Tensor) => {
      const theta = tensor([1, 0, 0, 0, 1, 0], [1, 2, 3]).add(tx.reshape(1, 1, 1).mul(tensor([0, 0, 1, 0, 0, 0], [1, 2, 3])));
      const grid = F.affineGrid(theta, [1, 3, height, width], { alignCorners: true });
      const aligned = F.gridSample(reference, grid, { alignCorners: true });
      const visible = F.gridSample(ones([1, 1, height, width]), grid, { alignCorners: true }).gt(0.5).to({ dtype: 'float32' });
      return alignmentL1(aligned, target, visible);
    };
    const trueShift = (-2 * shift) / (width - 1);
    const atTrue = loss(tensor([trueShift])).item() as number;
    for (const wrong of [0, -trueShift, trueShift / 2, 2 * trueShift]) expect(loss(tensor([wrong])).item() as number, `tx ${wrong}`).toBeGreaterThan(atTrue + 1e-3);
    expect(atTrue).toBeLessThan(1e-5);
    const identity = tensor([0]).requiresGrad_();
    loss(identity).backward();
    // Descending the gradient from the identity moves towards the true translation.
    expect(Math.sign(-(identity.grad!.item() as number))).toBe(Math.sign(trueShift));
  });
});

