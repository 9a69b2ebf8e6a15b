/**
 * StructureFlow's sampling correctness loss (RenYurui/StructureFlow, src/loss.py
 * `PerceptualCorrectness`, layer relu3_1 of VGG19): for each target position, the cosine
 * similarity between the ground truth's VGG feature there and the damaged input's feature the
 * flow samples (Gaussian sampling, 4x4 taps, sigma 2), relative to the best similarity any input
 * position reaches, as exp(−sampled / best), averaged over the hole. It pushes the flow to sample
 * where the input looks most like the target.
 */
import { F, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { gaussianResample } from './gaussian-resample.js';

const eps = 1e-8;

/**
 * @param gtFeatures [B,C,h,w] VGG19 relu3_1 of the ground truth
 * @param inputFeatures [B,C,h,w] VGG19 relu3_1 of the damaged input
 * @param flow [B,2,fh,fw] the texture generator's flow (average-pooled to h x w, as the official code)
 * @param masks [B,1,H,W] 1 = hole (nearest-resized to h x w)
 */
export function correctnessLoss(gtFeatures: Tensor, inputFeatures: Tensor, flow: Tensor, masks: Tensor): Tensor {
  new ShapeCheck('correctnessLoss').check('gtFeatures', gtFeatures, ['B', 'C', 'h', 'w']).check('inputFeatures', inputFeatures, ['B', 'C', 'h', 'w'])
    .check('flow', flow, ['B', 2, 'fh', 'fw']).check('masks', masks, ['B', 1, 'H', 'W']);
  const [b, c, h, w] = gtFeatures.shape;
  const holes = F.interpolate(masks, { size: [h, w], mode: 'nearest' }).reshape(b, h * w);
  const pooledFlow = flow.shape[2] === h && flow.shape[3] === w ? flow : F.avgPool2d(flow, [flow.shape[2] / h, flow.shape[3] / w]);
  const gts = gtFeatures.reshape(b, c, h * w);
  const inputs = inputFeatures.reshape(b, c, h * w);
  const gtUnit = gts.div(norm(gts, 1).add(eps));
  const inputUnit = inputs.div(norm(inputs, 1).add(eps)).transpose(1, 2);
  // Best cosine similarity any input position reaches for each target position: [B, N].
  const best = inputUnit.bmm(gtUnit).amax(1);
  const sampled = gaussianResample(inputFeatures, pooledFlow, 4, 2).reshape(b, c, h * w);
  const similarity = sampled.div(norm(sampled, 1).clamp(eps)).mul(gts.div(norm(gts, 1).clamp(eps))).sum(1);
  const lossMap = similarity.neg().div(best.add(eps)).exp();
  return lossMap.mul(holes).sum().div(holes.sum().add(eps));
}

function norm(x: Tensor, dim: number): Tensor {
  return x.pow(2).sum(dim, true).sqrt();
}
