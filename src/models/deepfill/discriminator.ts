/**
 * SN-PatchGAN (DeepFill v2): six 5x5 stride-2 convolutions with spectral normalisation and leaky
 * ReLU (0.2), applied to the image and the mask together; every output value judges one patch.
 * Returns the flattened feature map [N, 4*cnum*h*w], as the port's `Discriminator`.
 *
 * Names as the port (nipponjo/deepfillv2-pytorch, networks_tf.py): `convN.conv_sn.{weight, bias,
 * weight_u}`. Its spectral normalisation is not torch.nn.utils.spectral_norm: before each forward
 * it runs one power iteration on the detached weight, stores u, and divides the weight itself by
 * sigma in place (a projection, no gradient through sigma). Reproduced as is so that its
 * checkpoints train on the same way.
 */
import { F, nn, noGrad, randn, tidy, type Tensor } from '../../torch/index.js';
import { tfSamePad } from './tf-same-padding.js';

export class SpectralNormConv2d extends nn.Conv2d {
  readonly weightU: Tensor;

  constructor(inChannels: number, outChannels: number, kernelSize: number, stride: number, readonly eps = 1e-12) {
    super(inChannels, outChannels, kernelSize, { stride });
    // The port draws u from a truncated normal; any start converges under the power iteration.
    this.weightU = this.registerBuffer('weight_u', noGrad(() => tidy(() => randn([outChannels, 1]).clamp(-2, 2))));
  }

  override forward(x: Tensor): Tensor {
    noGrad(() => tidy(() => {
      const w = this.weight.view(this.weight.shape[0], -1);
      const v = normalize(w.transpose(0, 1).matmul(this.weightU), this.eps);
      this.weightU.copy_(normalize(w.matmul(v), this.eps));
      const sigma = this.weightU.transpose(0, 1).matmul(w).matmul(v);
      this.weight.copy_(this.weight.div(sigma.view(1, 1, 1, 1)));
    }));
    return F.conv2d(x, this.weight, this.bias, { stride: this.stride });
  }
}

/** SAME padding, the spectrally normalised convolution, leaky ReLU. */
export class DiscriminatorBlock extends nn.Module {
  readonly conv_sn: SpectralNormConv2d;

  constructor(inChannels: number, outChannels: number, readonly kernelSize = 5, readonly stride = 2) {
    super();
    this.conv_sn = this.registerModule('conv_sn', new SpectralNormConv2d(inChannels, outChannels, kernelSize, stride));
  }

  forward(x: Tensor): Tensor {
    return F.leakyRelu(this.conv_sn.call(tfSamePad(x, this.kernelSize, this.stride, 1)), 0.2);
  }
}

export interface DiscriminatorOptions {
  /** Image channels plus the mask. @default 4 */
  inChannels?: number;
  /** Base channel width; the port trains with 64. @default 64 */
  cnum?: number;
}

export class SNPatchGANDiscriminator extends nn.Module {
  readonly #blocks: DiscriminatorBlock[];

  constructor(options: DiscriminatorOptions = {}) {
    super();
    const c = options.cnum ?? 64;
    const widths = [options.inChannels ?? 4, c, 2 * c, 4 * c, 4 * c, 4 * c, 4 * c];
    this.#blocks = widths.slice(1).map((out, i) => this.registerModule(`conv${i + 1}`, new DiscriminatorBlock(widths[i], out)));
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const block of this.#blocks) y = block.call(y);
    return y.reshape(y.shape[0], -1);
  }
}

/** x / max(|x|, eps) over dim 0, as F.normalize(x, dim=0). */
function normalize(x: Tensor, eps: number): Tensor {
  return x.div(x.pow(2).sum(0, true).sqrt().clamp(eps));
}
