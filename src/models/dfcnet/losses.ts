/**
 * DFC-Net's stage-1 training loss as tools/train_initial.py computes it (utils/loss_func.py):
 * L1 over the hole (`L1_mask`, normalised by the hole's size) plus LAMBDA_HARD (2) times the
 * hard-example L1 (`L1_mask_hard_mining`): per sample, the hole pixels whose end-point L1 (|du| +
 * |dv|) is above that sample's median hole error, the median taken as the official code does
 * (the sorted errors' element at floor(n / 2)), the selection made without gradient.
 */
import { l1OverHoleSum } from '../../losses/masked-l1.js';
import { noGrad, tensor, type Tensor } from '../../torch/index.js';

export const hardMiningWeight = 2;

/** The hard pixels' mean of |du| + |dv|, and the mask [N, 1, H, W] that selected them. */
export function hardMiningL1(flow: Tensor, target: Tensor, hole: Tensor): { loss: Tensor; hard: Tensor } {
  const error = flow.sub(target).abs().sum(1, true);
  const hard = noGrad(() => {
    const [n, , h, w] = error.shape;
    const values = error.detach().contiguous().toArray() as Float32Array;
    const inHole = hole.contiguous().toArray() as Float32Array;
    const selected = new Float32Array(values.length);
    for (let b = 0; b < n; b++) {
      const from = b * h * w, to = from + h * w;
      const errors: number[] = [];
      for (let i = from; i < to; i++) if (inHole[i] > 0.5) errors.push(values[i]);
      if (errors.length === 0) continue;
      errors.sort((a, c) => a - c);
      const threshold = errors[Math.floor(errors.length * 0.5)];
      for (let i = from; i < to; i++) selected[i] = inHole[i] > 0.5 && values[i] > threshold ? 1 : 0;
    }
    return tensor(selected, error.shape);
  });
  return { loss: error.mul(hard).sum().div(hard.sum()), hard };
}

/** L1_mask on both flow channels + 2 x the hard-mining L1: flow and target [N, 2, H, W], hole [N, 1, H, W]. */
export function flowCompletionLoss(flow: Tensor, target: Tensor, hole: Tensor): { total: Tensor; reconstruction: Tensor; hardMining: Tensor } {
  const reconstruction = l1OverHoleSum(flow, target, hole.expand(hole.shape[0], 2, hole.shape[2], hole.shape[3]));
  const { loss: hardMining } = hardMiningL1(flow, target, hole);
  return { total: reconstruction.add(hardMining.mul(hardMiningWeight)), reconstruction, hardMining };
}
