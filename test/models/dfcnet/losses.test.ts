/**
 * DFC-Net's training loss against tools/train_initial.py's (utils/loss_func.py L1_mask +
 * 2 * L1_mask_hard_mining), run by make_fixtures.py on a batch of two: values, the hard-example
 * mask and the gradient with respect to the flow.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { flowCompletionLoss, hardMiningL1 } from '../../../src/models/dfcnet/losses.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { describeWithEngine } from '../../torch/engine.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'dfcnet');

describeWithEngine('DFC-Net flow-completion loss as the official training code', () => {
  const { want } = fixtureTensors(join(folder, 'loss.safetensors'));

  it('gives the official values, hard-example mask and gradient', () => {
    const flow = want('loss_flow').clone().requiresGrad_();
    const { total, reconstruction, hardMining } = flowCompletionLoss(flow, want('loss_gt'), want('loss_hole'));
    expect(Math.abs((reconstruction.item() as number) - (want('loss_recon').item() as number))).toBeLessThan(1e-5);
    expect(Math.abs((hardMining.item() as number) - (want('loss_hard').item() as number))).toBeLessThan(1e-5);
    total.backward();
    const grad = want('loss_grad');
    expect(maxAbsDiff(flow.grad!, grad) / (grad.abs().amax().item() as number)).toBeLessThan(1e-3);
    const { hard } = hardMiningL1(want('loss_flow'), want('loss_gt'), want('loss_hole'));
    expect(maxAbsDiff(hard, want('loss_hard_mask'))).toBe(0);
    // About half of each hole is hard: the selection is the median's, not all or none.
    expect(hard.sum().item() as number).toBeGreaterThan(0.4 * (want('loss_hole').sum().item() as number));
    expect(hard.sum().item() as number).toBeLessThan(0.6 * (want('loss_hole').sum().item() as number));
  });
});
