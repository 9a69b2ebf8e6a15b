/**
 * The four loss terms of DIP-Vid-Flow on one batch of consecutive frames, as the official
 * InpaintingTest.optimize_params computes them (each an MSE over all elements):
 * - recon_image: the frames outside the holes;
 * - recon_flow: the flow channels, divided by flowValueMax, outside `maskFlow` where the
 *   forward-backward check passed;
 * - consistency: the generated neighbour frame warped by the generated flow against the generated
 *   frame (detached), inside `maskFlow` where the warp stayed in the frame: what fills the holes;
 * - perceptual: VGG16 relu1_2, relu2_2, relu3_3 features outside the grown holes, on the frames
 *   as they are (BGR in [0, 1] without ImageNet normalisation: the official code feeds cv2's frames).
 */
import type { VggFeatures } from '../../losses/vgg.js';
import { ones, type Tensor } from '../../torch/index.js';
import { warp } from './warp.js';

export const INTERNAL_LOSS_TERMS = ['recon_image', 'recon_flow', 'consistency', 'perceptual'] as const;
export type InternalLossTerm = (typeof INTERNAL_LOSS_TERMS)[number];

/** configs/DIP_Vid_Flow.py's loss_weight. */
export const OFFICIAL_LOSS_WEIGHTS: Readonly<Record<InternalLossTerm, number>> = {
  recon_image: 1, recon_flow: 0.1, consistency: 1, perceptual: 0.01,
};

export interface BatchTargets {
  /** [B, 3, H, W] BGR in [0, 1], as the official code reads frames with cv2. */
  frames: Tensor;
  /** [B, 1, H, W], 1 = hole. */
  masks: Tensor;
  /** perceptualMasks(masks). */
  perceptualMasks: readonly Tensor[];
  /** 'f': flows from frame k to k+1 of the batch (k < B-1); 'b': from k to k-1 (k > 0). */
  direction: 'f' | 'b';
  /** The first of this flow type's two output channels. */
  flowChannel: number;
  /** [B-1, 3, H, W] and [B-1, 1, H, W]: the FlowTarget rows of the frames the flows start from. */
  flow: Tensor;
  maskFlow: Tensor;
  flowValueMax: number;
}

function mse(a: Tensor, b: Tensor): Tensor {
  return a.sub(b).pow(2).mean();
}

/** Each term's value (undefined for a term whose weight is 0) and their weighted sum. */
export function internalLosses(
  output: Tensor,
  targets: BatchTargets,
  weights: Readonly<Record<InternalLossTerm, number>>,
  vgg: VggFeatures | null,
): { total: Tensor; terms: Partial<Record<InternalLossTerm, Tensor>> } {
  const batch = output.shape[0]!;
  const image = output.narrow(1, 0, 3);
  const known = ones(targets.masks.shape).sub(targets.masks);
  const [start, neighbour] = targets.direction === 'f' ? [0, 1] : [1, 0];
  const outFlow = output.narrow(0, start, batch - 1).narrow(1, targets.flowChannel, 2);
  const terms: Partial<Record<InternalLossTerm, Tensor>> = {};

  if (weights.recon_image !== 0) terms.recon_image = mse(image.mul(known), targets.frames.mul(known));
  if (weights.recon_flow !== 0) {
    const checked = ones(targets.maskFlow.shape).sub(targets.maskFlow).mul(targets.flow.narrow(1, 2, 1));
    terms.recon_flow = mse(outFlow.mul(checked), targets.flow.narrow(1, 0, 2).mul(checked).div(targets.flowValueMax));
  }
  if (weights.consistency !== 0) {
    const { warped, inside } = warp(image.narrow(0, neighbour, batch - 1), outFlow.mul(targets.flowValueMax));
    const where = targets.maskFlow.mul(inside);
    terms.consistency = mse(warped.mul(where), image.narrow(0, start, batch - 1).detach().mul(where));
  }
  if (weights.perceptual !== 0) {
    if (!vgg) throw new Error('internal: the perceptual term needs the VGG16 features');
    const generated = vgg.call(image);
    const wanted = vgg.call(targets.frames);
    terms.perceptual = generated
      .map((feature, i) => {
        const outside = ones(targets.perceptualMasks[i]!.shape).sub(targets.perceptualMasks[i]!);
        return mse(feature.mul(outside), wanted[i]!.detach().mul(outside));
      })
      .reduce((sum, term) => sum.add(term));
  }
  const total = INTERNAL_LOSS_TERMS
    .filter((term) => terms[term] !== undefined)
    .map((term) => terms[term]!.mul(weights[term]))
    .reduce((sum, term) => sum.add(term));
  return { total, terms };
}
