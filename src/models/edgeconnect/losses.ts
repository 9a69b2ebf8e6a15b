/**
 * EdgeConnect's training losses as its code computes them (src/models.py `process`, src/loss.py),
 * with the weights of its config.yml.example:
 *
 * - edge stage (EdgeModel): discriminator on (grey, edges) pairs, (real + fake) / 2; generator:
 *   adversarial + 10 x feature matching over the discriminator's five feature maps on real pairs;
 * - inpainting stage (InpaintingModel): discriminator on images; generator: 0.1 x adversarial +
 *   L1 / mean(mask) + 0.1 x perceptual (VGG19 relu1_1..relu5_1) + 250 x style (VGG19 relu2_2,
 *   relu3_4, relu4_4, relu5_2 of the hole only: output and image both times the mask).
 *
 * Every discriminator forward runs in the order the official code runs them (real, fake, then the
 * generator's), because spectral normalisation's power iteration advances on each.
 */
import { featureMatchingLoss, hinge, leastSquares, nonSaturating, perceptualLoss, styleLoss, type AdversarialObjective } from '../../losses/index.js';
import { EDGECONNECT_PERCEPTUAL_LAYERS, EDGECONNECT_STYLE_LAYERS, VggFeatures } from '../../losses/vgg.js';
import { cat, type Tensor } from '../../torch/index.js';
import type { StepLosses } from '../../training/network-training.js';
import type { EdgeConnectDiscriminator } from './discriminator.js';

/** config.yml.example's loss weights. */
export const edgeConnectLossWeights = { l1: 1, featureMatching: 10, style: 250, content: 0.1, inpaintAdversarial: 0.1 } as const;

export type EdgeConnectGanLoss = 'nsgan' | 'lsgan' | 'hinge';

export const adversarialObjectives: Record<EdgeConnectGanLoss, AdversarialObjective> = { nsgan: nonSaturating, lsgan: leastSquares, hinge };

/** Both steps' losses of one training step. */
export interface EdgeConnectStageLosses {
  readonly discriminator: StepLosses;
  readonly generator: StepLosses;
}

/** EdgeModel.process: `gray` [B,1,H,W], ground-truth `edges`, the generator's `outputs`. */
export function edgeStageLosses(discriminator: EdgeConnectDiscriminator, objective: AdversarialObjective, gray: Tensor, edges: Tensor, outputs: Tensor): EdgeConnectStageLosses {
  const real = discriminator.call(cat([gray, edges], 1));
  const fake = discriminator.call(cat([gray, outputs.detach()], 1));
  const dLoss = objective.discriminator(real.output, fake.output);
  const generated = discriminator.call(cat([gray, outputs], 1));
  const gGan = objective.generator(generated.output);
  const gFm = featureMatchingLoss(generated.features, real.features).mul(edgeConnectLossWeights.featureMatching);
  const gLoss = gGan.add(gFm);
  return {
    discriminator: { total: dLoss, terms: { l_d1: dLoss } },
    generator: { total: gLoss, terms: { l_g1: gGan, l_fm: gFm, g_loss: gLoss } },
  };
}

/** The VGG19 taps both image losses read, in one network: the perceptual layers, then the style layers. */
export const edgeConnectVggTaps: readonly string[] = [...EDGECONNECT_PERCEPTUAL_LAYERS, ...EDGECONNECT_STYLE_LAYERS];

/** The inpainting stage's VGG19 (taps as edgeConnectVggTaps) and which of its two terms are on. */
export interface EdgeConnectVggTerms {
  readonly features: VggFeatures;
  readonly perceptual: boolean;
  readonly style: boolean;
}

/**
 * InpaintingModel.process: `images` [B,3,H,W] in [0,1], `masks` 1 = hole, the generator's
 * `outputs`; without `vgg`, the perceptual and style terms are left out.
 */
export function inpaintStageLosses(
  discriminator: EdgeConnectDiscriminator,
  objective: AdversarialObjective,
  images: Tensor,
  masks: Tensor,
  outputs: Tensor,
  vgg?: EdgeConnectVggTerms,
): EdgeConnectStageLosses {
  const w = edgeConnectLossWeights;
  const dLoss = objective.discriminator(discriminator.call(images).output, discriminator.call(outputs.detach()).output);
  const gGan = objective.generator(discriminator.call(outputs).output).mul(w.inpaintAdversarial);
  const gL1 = outputs.sub(images).abs().mean().mul(w.l1).div(masks.mean());
  const terms: Record<string, Tensor> = { l_g2: gGan, l_l1: gL1 };
  const taps = EDGECONNECT_PERCEPTUAL_LAYERS.length;
  if (vgg?.perceptual) {
    terms.l_per = perceptualLoss(vgg.features.call(outputs).slice(0, taps), vgg.features.call(images).slice(0, taps)).mul(w.content);
  }
  if (vgg?.style) {
    terms.l_sty = styleLoss(vgg.features.call(outputs.mul(masks)).slice(taps), vgg.features.call(images.mul(masks)).slice(taps)).mul(w.style);
  }
  const gLoss = Object.values(terms).reduce((sum, term) => sum.add(term));
  return {
    discriminator: { total: dLoss, terms: { l_d2: dLoss } },
    generator: { total: gLoss, terms: { ...terms, g_loss: gLoss } },
  };
}
