/**
 * VGG16 and VGG19 feature extractors with torchvision's layer indices and parameter names
 * (`features.0.weight`, `features.2.bias`, ...), so torchvision's `vgg16-397923af.pth` and
 * `vgg19-dcbb9e9d.pth` load by name. Only the layers up to the deepest one asked for are built:
 * VGG16 to pool3 is features.0..16, VGG19 to relu5_2 is features.0..31. The forward returns the
 * named taps (`relu2_2`, `pool3`, ...) in the order they were asked for.
 */
import { InvalidOptionError } from '../core/errors.js';
import { nn, type Tensor } from '../torch/index.js';

export type VggDepth = 16 | 19;

/** torchvision's `cfgs` 'D' (VGG16) and 'E' (VGG19): output channels of each conv, 'M' a 2x2 max pool. */
const CONFIGS: Record<VggDepth, readonly (number | 'M')[]> = {
  16: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  19: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

/** The layers of `features` as torchvision numbers them, each with the name of its output. */
function layerPlan(depth: VggDepth): { name: string; make: (inChannels: number) => nn.Module; outChannels?: number }[] {
  const plan: { name: string; make: (inChannels: number) => nn.Module; outChannels?: number }[] = [];
  let block = 1;
  let conv = 1;
  for (const entry of CONFIGS[depth]) {
    if (entry === 'M') {
      plan.push({ name: `pool${block}`, make: () => new nn.MaxPool2d(2, { stride: 2 }) });
      block += 1;
      conv = 1;
    } else {
      plan.push({ name: `conv${block}_${conv}`, make: (inChannels) => new nn.Conv2d(inChannels, entry, 3, { padding: 1 }), outChannels: entry });
      plan.push({ name: `relu${block}_${conv}`, make: () => new nn.ReLU() });
      conv += 1;
    }
  }
  return plan;
}

/** The tap names a VGG of that depth offers (conv1_1, relu1_1, ..., pool5). */
export function vggLayerNames(depth: VggDepth): string[] {
  return layerPlan(depth).map((layer) => layer.name);
}

export class VggFeatures extends nn.Module<[Tensor], Tensor[]> {
  readonly features: nn.Sequential;
  readonly #tapIndices: number[];

  /** @param taps the layer outputs forward returns, by name (vggLayerNames) */
  constructor(
    readonly depth: VggDepth,
    readonly taps: readonly string[],
  ) {
    super();
    const plan = layerPlan(depth);
    const names = plan.map((layer) => layer.name);
    this.#tapIndices = taps.map((tap) => {
      const index = names.indexOf(tap);
      if (index < 0) throw new InvalidOptionError('VGG layer', `one of ${names.join(', ')}`, tap);
      return index;
    });
    if (taps.length === 0) throw new InvalidOptionError('VGG layers', 'at least one layer name', taps);
    const last = Math.max(...this.#tapIndices);
    let channels = 3;
    const layers = plan.slice(0, last + 1).map((layer) => {
      const module = layer.make(channels);
      channels = layer.outChannels ?? channels;
      return module;
    });
    this.features = this.registerModule('features', new nn.Sequential(...layers));
    // A loss network: its weights are fixed, gradients flow only to the image.
    for (const parameter of this.parameters()) parameter.requiresGrad_(false);
    this.eval();
  }

  forward(x: Tensor): Tensor[] {
    const outputs = new Map<number, Tensor>();
    let y = x;
    for (let index = 0; index < this.features.length; index++) {
      y = this.features.at(index)!.call(y);
      outputs.set(index, y);
    }
    return this.#tapIndices.map((index) => outputs.get(index)!);
  }
}

/** naoto0804's, LBAM's and PRVS's VGG16FeatureExtractor: pool1, pool2, pool3 (features[:5], [5:10], [10:17]). */
export const PCONV_VGG16_LAYERS = ['pool1', 'pool2', 'pool3'] as const;

/** EdgeConnect's and StructureFlow's PerceptualLoss layers (weights 1 each). */
export const EDGECONNECT_PERCEPTUAL_LAYERS = ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1', 'relu5_1'] as const;

/** EdgeConnect's and StructureFlow's StyleLoss layers. */
export const EDGECONNECT_STYLE_LAYERS = ['relu2_2', 'relu3_4', 'relu4_4', 'relu5_2'] as const;
