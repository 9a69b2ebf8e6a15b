/**
 * CSA's two discriminators (networks.py): `NLayerDiscriminator` (netD, the pix2pix PatchGAN on
 * images: three 4x4 stride-2 and one stride-1 layer, affine instance norms, biases everywhere as
 * with instance norm) and `PFDiscriminator` (netF, on VGG16 pool3 features, vgg16.py's `relu3_3`: 256 -> 512 -> 512
 * -> 512, stride 2, one non-affine instance norm). Official names: `model.0.weight`, ...
 */
import { nn, type Tensor } from '../../torch/index.js';
import { instanceNorm } from './unet-block.js';

export class PatchDiscriminator extends nn.Module {
  readonly model: nn.Sequential;

  constructor(ndf = 64) {
    super();
    const conv = (inChannels: number, outChannels: number, stride: number) => new nn.Conv2d(inChannels, outChannels, 4, { stride, padding: 1 });
    this.model = this.registerModule('model', new nn.Sequential(
      conv(3, ndf, 2), new nn.LeakyReLU(0.2),
      conv(ndf, ndf * 2, 2), instanceNorm(ndf * 2), new nn.LeakyReLU(0.2),
      conv(ndf * 2, ndf * 4, 2), instanceNorm(ndf * 4), new nn.LeakyReLU(0.2),
      conv(ndf * 4, ndf * 8, 1), instanceNorm(ndf * 8), new nn.LeakyReLU(0.2),
      conv(ndf * 8, 1, 1),
    ));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}

export class FeatureDiscriminator extends nn.Module {
  readonly model: nn.Sequential;

  constructor() {
    super();
    const conv = (inChannels: number) => new nn.Conv2d(inChannels, 512, 4, { stride: 2, padding: 1 });
    this.model = this.registerModule('model', new nn.Sequential(
      conv(256), new nn.LeakyReLU(0.2),
      conv(512), new nn.InstanceNorm2d(512), new nn.LeakyReLU(0.2),
      conv(512),
    ));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}

/** netD and netF as one module (`D.`, `F.`), what the training loop saves as the discriminator. */
export class CsaDiscriminators extends nn.Module<[Tensor, Tensor | null], { patch: Tensor; feature: Tensor | null }> {
  readonly patch: PatchDiscriminator;
  readonly feature: FeatureDiscriminator;

  constructor(ndf: number) {
    super();
    this.patch = this.registerModule('D', new PatchDiscriminator(ndf));
    this.feature = this.registerModule('F', new FeatureDiscriminator());
  }

  /** netD's scores of images, netF's of their VGG16 pool3 features (when given). */
  forward(images: Tensor, features: Tensor | null): { patch: Tensor; feature: Tensor | null } {
    return { patch: this.patch.call(images), feature: features ? this.feature.call(features) : null };
  }
}
