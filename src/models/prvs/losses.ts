/**
 * PRVS's training losses as model.py computes them (get_g_loss, get_d_loss, edge_loss), on the
 * shared terms of src/losses:
 *   0.1 TV(comp · hole) + 150 style + 0.05 perceptual + 50 valid L1 + 50 hole L1 + 0.1 adversarial,
 * style and perceptual over VGG16 pool1-3 of [0,1] images (no ImageNet normalisation), each
 * summed over (truth, output) and (truth, composite). The adversarial term is the edge
 * discriminator's (EdgeConnect's, on [edge, grey]) non-saturating loss on the two reconstructed
 * edge maps, the full-size one first. There is no L1 on the edges: they learn only through it.
 */
import { holeL1, nonSaturating, perceptualLoss, styleLoss, totalVariation, validL1, weightedLossTerms, type LossTerm } from '../../losses/index.js';
import type { VggFeatures } from '../../losses/vgg.js';
import { cat, F, type Tensor } from '../../torch/index.js';
import type { EdgeConnectDiscriminator } from '../edgeconnect/discriminator.js';

/** In get_g_loss's order: the discriminator's power iteration advances with each call, and sums round in order. */
export const PRVS_LOSS_TERMS: readonly LossTerm[] = [
  { name: 'tv', weight: 0.1 },
  { name: 'style', weight: 150, vgg: 16 },
  { name: 'perceptual', weight: 0.05, vgg: 16 },
  { name: 'valid', weight: 50 },
  { name: 'hole', weight: 50 },
  { name: 'adversarial', weight: 0.1 },
];

/** The reconstructed edge maps the discriminator judges. */
export interface PrvsEdges {
  /** Half size (dec_2's). */
  readonly small: Tensor;
  /** Full size (dec_1's). */
  readonly big: Tensor;
}

/** What the generator's loss compares. */
export interface PrvsLossInputs {
  /** [B,3,H,W] in [0,1]. */
  readonly truth: Tensor;
  readonly output: Tensor;
  /** [B,1|3,H,W], 1 = hole. */
  readonly hole: Tensor;
  readonly edges: PrvsEdges;
  /** [B,1,H,W], the photo's grey (rgb2gray). */
  readonly gray: Tensor;
}

/** The discriminator's input: an edge map beside the grey image resized (nearest) to it. */
export function edgeWithGray(edge: Tensor, gray: Tensor): Tensor {
  return cat([edge, F.interpolate(gray, { size: edge.shape.slice(2) })], 1);
}

/** model.py `edge_loss` on both maps (the full-size one first, as get_g_loss calls them). */
export function edgeAdversarialLoss(discriminator: EdgeConnectDiscriminator, edges: PrvsEdges, gray: Tensor): Tensor {
  const judge = (edge: Tensor): Tensor => nonSaturating.generator(discriminator.call(edgeWithGray(edge, gray)).output);
  return judge(edges.big).add(judge(edges.small));
}

/**
 * model.py `get_d_loss`: at each scale (small first), real edges are the photo's Canny edges
 * resized (nearest), times 4, clamped to [0, 1]; the generated ones are detached.
 */
export function edgeDiscriminatorLoss(discriminator: EdgeConnectDiscriminator, edges: PrvsEdges, cannyEdges: Tensor, gray: Tensor): Tensor {
  const atScale = (fake: Tensor): Tensor => {
    const real = F.interpolate(cannyEdges, { size: fake.shape.slice(2) }).mul(4).clamp(0, 1);
    const realScore = discriminator.call(edgeWithGray(real, gray)).output;
    const fakeScore = discriminator.call(edgeWithGray(fake.detach(), gray)).output;
    return nonSaturating.discriminator(realScore, fakeScore);
  };
  return atScale(edges.small).add(atScale(edges.big));
}

/** The generator's loss over the terms in use (the VGG terms need `vgg`); each term unweighted, and the weighted total. */
export function prvsGeneratorLoss(
  inputs: PrvsLossInputs,
  terms: readonly LossTerm[],
  vgg: VggFeatures | undefined,
  discriminator: EdgeConnectDiscriminator,
): { total: Tensor; terms: Record<string, Tensor> } {
  const { truth, output, hole, edges, gray } = inputs;
  const composite = output.mul(hole).add(truth.mul(hole.neg().add(1)));
  const uses = (name: string): boolean => terms.some((term) => term.name === name);
  const features = vgg && (uses('perceptual') || uses('style')) ? [truth, output, composite].map((x) => vgg.call(x)) : undefined;
  const compute: Record<string, () => Tensor> = {
    tv: () => totalVariation(composite.mul(hole)),
    style: () => styleLoss(features![0], features![1]).add(styleLoss(features![0], features![2])),
    perceptual: () => perceptualLoss(features![0], features![1]).add(perceptualLoss(features![0], features![2])),
    valid: () => validL1(output, truth, hole),
    hole: () => holeL1(output, truth, hole),
    adversarial: () => edgeAdversarialLoss(discriminator, edges, gray),
  };
  return weightedLossTerms(terms, compute);
}
