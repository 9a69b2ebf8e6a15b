/**
 * The training losses of the mission's networks, written once: masked L1, perceptual and style on
 * VGG16/VGG19 features, total variation, the adversarial objectives with WGAN-GP's gradient
 * penalty, feature matching; the VGG extractors and torchvision's weight files; and the rule for
 * training without those files. Each reproduces an official formula (see README.md).
 */
export { holeL1, l1OverHoleFraction, validL1 } from './masked-l1.js';
export { gramMatrix } from './gram.js';
export { perceptualLoss } from './perceptual.js';
export { styleLoss } from './style.js';
export { dilatedHoleTotalVariation, totalVariation } from './total-variation.js';
export {
  binaryCrossEntropy,
  hinge,
  leastSquares,
  nonSaturating,
  relativisticAverageLeastSquares,
  wasserstein,
  type AdversarialObjective,
} from './adversarial.js';
export { gradientPenalty } from './gradient-penalty.js';
export { featureMatchingLoss } from './feature-matching.js';
export { imagenetNormalize, IMAGENET_MEAN, IMAGENET_STD } from './imagenet-normalize.js';
export {
  EDGECONNECT_PERCEPTUAL_LAYERS,
  EDGECONNECT_STYLE_LAYERS,
  PCONV_VGG16_LAYERS,
  VggFeatures,
  vggLayerNames,
  type VggDepth,
} from './vgg.js';
export { checkTorchvisionHash, loadVggFeatures, VGG_RELEASES, vggWeightsPath, type VggRelease } from './vgg-weights.js';
export {
  lossTermsRecord,
  resolveLossTerms,
  weightedLossTerms,
  type LossTerm,
  type LossTermsOptions,
  type LossTermsRecord,
  type ResolvedLossTerms,
} from './loss-terms.js';
