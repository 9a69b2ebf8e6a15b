/**
 * PConvUNet against naoto0804's, and NVIDIA's layer scaling against NVIDIA/partialconv, run by
 * python3-torch (test/fixtures/models/pconv/, made by make_fixtures.py there): the same seeded
 * weights, drawn again here in state-dict order, give the official outputs to 1e-4 in evaluation
 * and training mode and with the encoder's batch norm frozen (fine-tuning); the InpaintingLoss
 * terms to 1e-4 relative, every gradient to 1e-3 relative, and one Adam step the official weights
 * and running statistics to 1e-4. The state dict has the official names and shapes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { pconvLoss, PCONV_LOSS_TERMS } from '../../../src/models/pconv/losses.js';
import { PConvUNet } from '../../../src/models/pconv/pconv-unet.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import { Adam, cat, noGrad, tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { seededPConv, seededVgg } from './seeded-weights.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'pconv');
const LAYERS = 5;
const WIDTH = 4;
const LR = 1e-3;

describeWithEngine(`PConvUNet parity with naoto0804's (layer_size ${LAYERS}, width ${WIDTH}, 2x3x32x32)`, () => {
  const { want } = fixtureTensors(join(folder, 'tensors.safetensors'));
  const model = (naotoScaling: boolean) => seededPConv(new PConvUNet({ layerSize: LAYERS, width: WIDTH, scaling: naotoScaling ? 'naoto' : 'nvidia' }), 5, naotoScaling);

  it('evaluation mode, both scalings, binary and soft masks: the official outputs and masks', () => {
    const naoto = model(true).eval();
    const nvidia = model(false).eval();
    const diffs = noGrad(() => tidy(() => {
      const soft = want('soft_mask');
      const found: Record<string, number> = {};
      for (const [name, net] of [['naoto', naoto], ['nvidia', nvidia]] as const) {
        const [output, outputMask] = net.call(want('input'), want('mask'));
        const [softOutput, softMask] = net.call(want('gt').mul(soft), soft);
        found[`${name}.output`] = maxAbsDiff(output, want(`${name}.output`));
        found[`${name}.output_mask`] = maxAbsDiff(outputMask, want(`${name}.output_mask`));
        found[`${name}.soft_output`] = maxAbsDiff(softOutput, want(`${name}.soft_output`));
        found[`${name}.soft_output_mask`] = maxAbsDiff(softMask, want(`${name}.soft_output_mask`));
      }
      // Deliberate mistakes miss: the other scaling; the mask inverted; BGR for RGB.
      found['mistake: nvidia scaling on naoto weights'] = maxAbsDiff(naoto.setScaling('nvidia').call(want('gt').mul(soft), soft)[0], want('naoto.soft_output'));
      naoto.setScaling('naoto');
      found['mistake: inverted mask'] = maxAbsDiff(naoto.call(want('input'), want('mask').neg().add(1))[0], want('naoto.output'));
      const input = want('input');
      const bgr = cat([input.narrow(1, 2, 1), input.narrow(1, 1, 1), input.narrow(1, 0, 1)], 1);
      found['mistake: channels swapped'] = maxAbsDiff(naoto.call(bgr, want('mask'))[0], want('naoto.output'));
      return found;
    }));
    console.log(`pconv parity (eval): ${JSON.stringify(diffs)}`);
    for (const [name, diff] of Object.entries(diffs)) {
      if (name.startsWith('mistake')) expect(diff, name).toBeGreaterThan(0.1);
      else expect(diff, name).toBeLessThanOrEqual(1e-4);
    }
    naoto.dispose();
    nvidia.dispose();
  });

  it('training mode: output, InpaintingLoss terms, gradients, one Adam step; fine-tuning with the encoder BN frozen', () => {
    const net = model(true).train();
    const vgg = seededVgg(6);
    const trainable = net.parameters().filter((p) => p.requiresGrad);
    const optimizer = new Adam(trainable, { lr: LR });
    const losses = tidy(() => {
      const [output] = net.call(want('input'), want('mask'));
      const { total, terms } = pconvLoss({ input: want('input'), mask: want('mask'), output, gt: want('gt') }, PCONV_LOSS_TERMS, vgg);
      optimizer.zeroGrad();
      total.backward();
      const found: Record<string, number> = { output: maxAbsDiff(output, want('train.output')) };
      for (const [name, value] of [...Object.entries(terms), ['total', total] as const]) {
        const expected = want(`loss.${name}`).item() as number;
        found[`loss.${name}`] = Math.abs((value.item() as number) - expected) / Math.abs(expected);
      }
      return found;
    });
    expect(losses.output, 'train.output').toBeLessThanOrEqual(1e-4);
    for (const [name, diff] of Object.entries(losses)) if (name !== 'output') expect(diff, name).toBeLessThanOrEqual(1e-4);

    let worstGradient = 0;
    const named = net.namedParameters().filter(([, p]) => p.requiresGrad);
    expect(named.length).toBe(trainable.length);
    for (const [name, parameter] of named) {
      const relative = tidy(() => {
        const expected = want(`grad.${name}`);
        return maxAbsDiff(parameter.grad!, expected) / Math.max(expected.abs().amax().item() as number, 1e-12);
      });
      expect(relative, `gradient of ${name}`).toBeLessThanOrEqual(1e-3);
      worstGradient = Math.max(worstGradient, relative);
    }
    optimizer.step();
    let worstAfter = 0;
    let moved = 0, elements = 0;
    for (const [name, t] of net.stateDict()) {
      if (t.dtype !== 'float32' || name.endsWith('mask_conv.weight')) continue;
      const diff = maxAbsDiff(t, want(`after.${name}`));
      expect(diff, `after the step: ${name}`).toBeLessThanOrEqual(1e-4);
      worstAfter = Math.max(worstAfter, diff);
      if (name.endsWith('input_conv.weight')) {
        elements += t.numel;
        moved += tidy(() => t.sub(want(`after.${name}`)).abs().lt(1e-4).sum().item() as number);
      }
    }
    expect(moved).toBe(elements);

    const finetuned = model(true);
    finetuned.freezeEncoderBatchNorm = true;
    finetuned.train();
    expect(finetuned.encoders.every((layer) => !layer.bn || !layer.bn.training)).toBe(true);
    expect(finetuned.decoders.every((layer) => !layer.bn || layer.bn.training)).toBe(true);
    const finetune = noGrad(() => tidy(() => maxAbsDiff(finetuned.call(want('input'), want('mask'))[0], want('finetune.output'))));
    const unfrozen = noGrad(() => tidy(() => maxAbsDiff(model(true).train().call(want('input'), want('mask'))[0], want('finetune.output'))));
    expect(finetune).toBeLessThanOrEqual(1e-4);
    expect(unfrozen, 'mistake: encoder BN not frozen').toBeGreaterThan(0.1);
    console.log(`pconv parity (training): ${JSON.stringify(losses)}; worst relative gradient ${worstGradient.toExponential(2)}; after one Adam step max abs ${worstAfter.toExponential(2)}; fine-tune output ${finetune.toExponential(2)} (unfrozen: ${unfrozen.toFixed(3)})`);
    for (const m of [net, vgg, finetuned] as AnyModule[]) m.dispose();
  });

  it('the state dict has the official names and shapes (layer_size 7, width 64: what 1000000.pth holds)', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, number[]>;
    const net = new PConvUNet();
    const shapes = Object.fromEntries([...net.stateDict()].map(([key, t]) => [key, t.shape]));
    expect(Object.keys(shapes)).toEqual(Object.keys(official));
    expect(shapes).toEqual(official);
    net.dispose();
  });
});
