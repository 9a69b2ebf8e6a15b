/**
 * EdgeConnect's patch discriminator (src/networks.py `Discriminator`): five 4x4 convolutions
 * (stride 2, 2, 2, 1, 1), spectrally normalised and without bias by default, leaky ReLU 0.2
 * after all but the last; a sigmoid on the output unless the hinge loss is used. Returns the
 * output and the five feature maps (the feature-matching loss reads them).
 *
 * The official module registers its first block twice, as `conv1` and `features`: a state dict
 * holds both names, so ours does too (one module, two names).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { maybeSpectralNorm } from './spectral-norm-option.js';

export interface EdgeConnectDiscriminatorOutput {
  readonly output: Tensor;
  readonly features: readonly [Tensor, Tensor, Tensor, Tensor, Tensor];
}

export class EdgeConnectDiscriminator extends nn.Module<[Tensor], EdgeConnectDiscriminatorOutput> {
  readonly conv1: nn.Sequential;
  readonly conv2: nn.Sequential;
  readonly conv3: nn.Sequential;
  readonly conv4: nn.Sequential;
  readonly conv5: nn.Sequential;
  readonly useSigmoid: boolean;

  constructor(inChannels: number, options: { useSigmoid?: boolean; useSpectralNorm?: boolean } = {}) {
    super();
    this.useSigmoid = options.useSigmoid ?? true;
    const sn = options.useSpectralNorm ?? true;
    const conv = (i: number, o: number, stride: number) => maybeSpectralNorm(new nn.Conv2d(i, o, 4, { stride, padding: 1, bias: !sn }), sn);
    const block = (i: number, o: number, stride: number) => new nn.Sequential(conv(i, o, stride), new nn.LeakyReLU(0.2));
    this.conv1 = this.registerModule('conv1', block(inChannels, 64, 2));
    this.registerModule('features', this.conv1);
    this.conv2 = this.registerModule('conv2', block(64, 128, 2));
    this.conv3 = this.registerModule('conv3', block(128, 256, 2));
    this.conv4 = this.registerModule('conv4', block(256, 512, 1));
    this.conv5 = this.registerModule('conv5', new nn.Sequential(conv(512, 1, 1)));
  }

  forward(x: Tensor): EdgeConnectDiscriminatorOutput {
    const c1 = this.conv1.call(x);
    const c2 = this.conv2.call(c1);
    const c3 = this.conv3.call(c2);
    const c4 = this.conv4.call(c3);
    const c5 = this.conv5.call(c4);
    return { output: this.useSigmoid ? c5.sigmoid() : c5, features: [c1, c2, c3, c4, c5] };
  }
}
