/**
 * FFVI's training losses as the official code computes them (src/model/loss.py, trainer.py), on
 * clips [B, 3, L, H, W] in [0, 1] and the mask [B, 1, L, H, W] (1 = valid):
 *
 * - `loss_recon`: L1 over every pixel; `loss_masked_recon`: L1 of output and target times the hole,
 *   averaged over all pixels.
 * - `loss_vgg`: per frame, the L1 distances of VGG16's relu2_2, relu3_3 and relu4_3 (fed [0, 1]
 *   pixels, no ImageNet normalisation), summed, then averaged over the frames.
 * - `loss_style`: per frame, the L1 distance of the Gram matrices of those layers divided by 2, 4
 *   and 8 ("original channel norm"), summed, averaged over the frames. The official Gram matrix
 *   flattens batch and channels together (`input.view(a * b, c * d)`), so with a batch of several
 *   clips it also holds cross-clip products; that is kept.
 * - the temporal GAN: least squares (`AdversarialLoss('lsgan')`) on the T-PatchGAN's scores of
 *   the output with the mask and a zero guidance channel.
 *
 * The weights are the released config.json's (recon 1, masked recon 0, vgg 1, style 10, GAN 0);
 * the authors advise fine-tuning with the temporal GAN at 0.1 (issue #20).
 */
import { gramMatrix, leastSquares, type VggFeatures } from '../../losses/index.js';
import { cat, type Tensor } from '../../torch/index.js';
import type { FfviTemporalDiscriminator } from './discriminator.js';

/** The VGG16 layers of loss_vgg and loss_style. */
export const FFVI_VGG_LAYERS = ['relu2_2', 'relu3_3', 'relu4_3'] as const;

export interface FfviLossWeights {
  readonly recon: number;
  readonly maskedRecon: number;
  readonly vgg: number;
  readonly style: number;
  readonly ganTemporal: number;
}

export const ffviLossWeights: FfviLossWeights = { recon: 1, maskedRecon: 0, vgg: 1, style: 10, ganTemporal: 0 };

export function reconLoss(outputs: Tensor, targets: Tensor): Tensor {
  return outputs.sub(targets).abs().mean();
}

export function maskedReconLoss(outputs: Tensor, targets: Tensor, valid: Tensor): Tensor {
  const hole = valid.neg().add(1);
  return outputs.mul(hole).sub(targets.mul(hole)).abs().mean();
}

/** [B, C, L, H, W] -> [L * B, C, H, W], frame-major: the frames as a batch of images. */
function framesAsImages(clip: Tensor): Tensor {
  const [batch, channels, length, height, width] = clip.shape;
  return clip.permute(2, 0, 1, 3, 4).reshape(length * batch, channels, height, width);
}

/** loss_vgg and loss_style together (one VGG pass each for output and target). */
export function vggLosses(vgg: VggFeatures, outputs: Tensor, targets: Tensor): { vgg: Tensor; style: Tensor } {
  const [batch, , length] = outputs.shape;
  const ours = vgg.call(framesAsImages(outputs));
  const theirs = vgg.call(framesAsImages(targets)).map((t) => t.detach());
  let perceptual: Tensor | undefined;
  let style: Tensor | undefined;
  ours.forEach((feature, i) => {
    // Equal-sized frames: the mean over all of them is the mean over frames of each frame's mean.
    const distance = feature.sub(theirs[i]).abs().mean();
    perceptual = perceptual ? perceptual.add(distance) : distance;
    const [, channels, height, width] = feature.shape;
    const gram = (f: Tensor) => gramMatrix(f.reshape(length, batch * channels, height, width));
    const styleDistance = gram(feature).sub(gram(theirs[i])).abs().mean().div(2 ** (i + 1));
    style = style ? style.add(styleDistance) : styleDistance;
  });
  return { vgg: perceptual!, style: style! };
}

/** The T-PatchGAN's input: [B, 5, L, H, W], the clip, the mask and a zero guidance channel. */
export function discriminatorInput(clip: Tensor, valid: Tensor): Tensor {
  return cat([clip, valid, valid.mul(0)], 1);
}

/** The generator's temporal GAN term: lsgan on the scores of the output, target real. */
export function temporalGanLoss(discriminator: FfviTemporalDiscriminator, outputs: Tensor, valid: Tensor): Tensor {
  return leastSquares.generator(discriminator.call(discriminatorInput(outputs, valid)));
}

/** The discriminator's loss: (lsgan(real, 1) + lsgan(fake, 0)) / 2, the output detached. */
export function temporalDiscriminatorLoss(discriminator: FfviTemporalDiscriminator, targets: Tensor, outputs: Tensor, valid: Tensor): Tensor {
  return leastSquares.discriminator(
    discriminator.call(discriminatorInput(targets, valid)),
    discriminator.call(discriminatorInput(outputs.detach(), valid)),
  );
}

/** The generator's total and its terms under the weights, as trainer._train_epoch sums them. */
export function ffviGeneratorLoss(
  parts: { vgg: VggFeatures; discriminator?: FfviTemporalDiscriminator },
  outputs: Tensor,
  targets: Tensor,
  valid: Tensor,
  weights: FfviLossWeights = ffviLossWeights,
): { total: Tensor; terms: Record<string, Tensor> } {
  const terms: Record<string, Tensor> = {};
  if (weights.recon > 0) terms.recon = reconLoss(outputs, targets);
  if (weights.maskedRecon > 0) terms.maskedRecon = maskedReconLoss(outputs, targets, valid);
  if (weights.vgg > 0 || weights.style > 0) Object.assign(terms, vggLosses(parts.vgg, outputs, targets));
  if (weights.ganTemporal > 0 && parts.discriminator) terms.ganTemporal = temporalGanLoss(parts.discriminator, outputs, valid);
  let total: Tensor | undefined;
  for (const [name, term] of Object.entries(terms)) {
    const weight = weights[name as keyof FfviLossWeights];
    if (weight <= 0) continue;
    total = total ? total.add(term.mul(weight)) : term.mul(weight);
  }
  return { total: total!, terms };
}
