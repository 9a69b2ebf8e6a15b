/**
 * The official `VideoInpaintingModel` as a checkpoint holds it: `generator` and, when the file has
 * one, `temporal_discriminator` (the spatial one is off in every released config: the official
 * class cannot even build it). The widths and the skip connections are what the checkpoint's
 * `config.arch.args` says; they are read from the state dict's shapes, which follow from them
 * (conv1's output channels are `nf`; deconv1 takes 8nf channels with the skips, 4nf without).
 */
import { nn, type StateDict, type Tensor } from '../../torch/index.js';
import { FfviTemporalDiscriminator, type FfviDiscriminatorOptions } from './discriminator.js';
import { FfviGenerator, type FfviGeneratorOptions } from './generator.js';
import { loadWeights } from '../common/load-weights.js';

export interface FfviModelOptions extends FfviGeneratorOptions {
  /** The temporal discriminator's, or none (a generator-only file). */
  readonly discriminator?: FfviDiscriminatorOptions;
}

/** The ICCV release's settings: nf 64, skip connections (its config, per the repository's transform script). */
export const ffviReleaseOptions: FfviModelOptions = { nf: 64, skipConnections: true, discriminator: { nf: 64 } };

export class FfviModel extends nn.Module<[Tensor, Tensor]> {
  readonly generator: FfviGenerator;
  readonly temporal_discriminator: FfviTemporalDiscriminator | null;

  constructor(readonly options: FfviModelOptions) {
    super();
    this.generator = this.registerModule('generator', new FfviGenerator(options));
    this.temporal_discriminator = options.discriminator
      ? this.registerModule('temporal_discriminator', new FfviTemporalDiscriminator(options.discriminator))
      : null;
  }

  /** The generator's fill: see FfviCoarseNet.forward. */
  forward(masked: Tensor, mask: Tensor): Tensor {
    return this.generator.call(masked, mask);
  }
}

const CONV1 = 'generator.coarse_net.downsample_module.conv1.featureConv.weight_orig';
const DECONV1 = 'generator.coarse_net.upsample_module.deconv1.conv.featureConv.weight_orig';
const BIAS = 'generator.coarse_net.downsample_module.conv1.featureConv.bias';
const D_CONV1 = 'temporal_discriminator.conv1.featureConv.weight_orig';

/** The settings a state dict was saved with; the release's where it lacks the keys that tell (the load then lists what is missing). */
export function ffviOptionsOf(stateDict: StateDict): FfviModelOptions {
  const conv1 = stateDict.get(CONV1);
  const deconv1 = stateDict.get(DECONV1);
  if (!conv1 || !deconv1) return ffviReleaseOptions;
  const nf = conv1.shape[0];
  const discriminator = stateDict.get(D_CONV1);
  return {
    nf,
    skipConnections: deconv1.shape[1] === nf * 8,
    bias: stateDict.has(BIAS),
    discriminator: discriminator ? { nf: discriminator.shape[0] } : undefined,
  };
}

/** The model in evaluation mode with a checkpoint's state dict (official names, strict). */
export function loadFfviModel(stateDict: StateDict): FfviModel {
  const model = new FfviModel(ffviOptionsOf(stateDict));
  loadWeights([model, stateDict]);
  return model.eval();
}
