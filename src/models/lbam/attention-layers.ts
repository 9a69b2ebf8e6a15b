/**
 * LBAM's bidirectional attention layers (official models/forwardAttentionLayer.py and
 * reverseAttentionLayer.py), in the released variant: no batch norm, 4x4 stride-2 convolutions
 * without bias, leaky ReLU 0.2. Names as the official modules, so that `ec1.conv.maskConv.weight`,
 * `reverseConv1.reverseMaskConv.weight`, `dc1.conv.weight` load unchanged.
 */
import { cat, F, nn, noGrad, randn, tidy, type Tensor } from '../../torch/index.js';
import { GaussActivation, updateMask } from './gauss-activation.js';

const down = { stride: 2, padding: 1, bias: false } as const;

/** Normal(0, 0.02) weights: the official weights_init('gaussian'). Loaded weights replace them. */
function gaussianInit<C extends nn.Conv2d | nn.ConvTranspose2d>(conv: C): C {
  noGrad(() => tidy(() => {
    conv.weight.copy_(randn(conv.weight.shape).mul(0.02));
  }));
  return conv;
}

export interface ForwardAttentionOutput {
  /** The attended features after the activation: the next layer's input. */
  readonly features: Tensor;
  /** The updated mask, relu(maskConv(m))^0.8: the next layer's mask. */
  readonly mask: Tensor;
  /** The convolved features before attention: the decoder's skip connection. */
  readonly skip: Tensor;
  /** g_A(maskConv(m)): the forward attention map the decoder reuses. */
  readonly attention: Tensor;
}

/**
 * The learnable forward attention layer (official ForwardAttentionLayer): features conv(x) times
 * g_A(maskConv(m)). The first layer's image input has 4 channels (image and mask) while its mask
 * input is the 3-channel mask map: maskConv takes `maskChannels` (the official code gives 3 when
 * inChannels is 4, which only the first stage has at the official width).
 */
export class ForwardAttentionLayer extends nn.Module<[Tensor, Tensor], ForwardAttentionOutput> {
  readonly conv: nn.Conv2d;
  readonly maskConv: nn.Conv2d;
  readonly activationFuncG_A: GaussActivation;

  constructor(inChannels: number, outChannels: number, maskChannels: number) {
    super();
    this.conv = this.registerModule('conv', gaussianInit(new nn.Conv2d(inChannels, outChannels, 4, down)));
    this.maskConv = this.registerModule('maskConv', gaussianInit(new nn.Conv2d(maskChannels, outChannels, 4, down)));
    this.activationFuncG_A = this.registerModule('activationFuncG_A', new GaussActivation(1.1, 2.0, 1.0, 1.0));
  }

  forward(x: Tensor, mask: Tensor): ForwardAttentionOutput {
    const skip = this.conv.call(x);
    const maskFeatures = this.maskConv.call(mask);
    const attention = this.activationFuncG_A.call(maskFeatures);
    const features = skip.mul(attention);
    return { features, mask: updateMask(maskFeatures), skip, attention };
  }
}

/** An encoder stage (official ForwardAttention, bn=False): the layer, then leaky ReLU 0.2. */
export class ForwardAttention extends nn.Module<[Tensor, Tensor], ForwardAttentionOutput> {
  readonly conv: ForwardAttentionLayer;

  constructor(inChannels: number, outChannels: number, maskChannels = inChannels) {
    super();
    this.conv = this.registerModule('conv', new ForwardAttentionLayer(inChannels, outChannels, maskChannels));
  }

  forward(x: Tensor, mask: Tensor): ForwardAttentionOutput {
    const out = this.conv.call(x, mask);
    return { ...out, features: F.leakyRelu(out.features, 0.2) };
  }
}

/**
 * The reverse attention branch's layer (official ReverseMaskConv): a convolution of the hole map
 * 1 - m, g_A with its own start values (a 1.1, mu 1.0, gammas 0.5), and the same mask update.
 */
export class ReverseMaskConv extends nn.Module<[Tensor], { attention: Tensor; mask: Tensor }> {
  readonly reverseMaskConv: nn.Conv2d;
  readonly activationFuncG_A: GaussActivation;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.reverseMaskConv = this.registerModule('reverseMaskConv', gaussianInit(new nn.Conv2d(inChannels, outChannels, 4, down)));
    this.activationFuncG_A = this.registerModule('activationFuncG_A', new GaussActivation(1.1, 1.0, 0.5, 0.5));
  }

  forward(mask: Tensor): { attention: Tensor; mask: Tensor } {
    const maskFeatures = this.reverseMaskConv.call(mask);
    return { attention: this.activationFuncG_A.call(maskFeatures), mask: updateMask(maskFeatures) };
  }
}

/**
 * A decoder stage (official ReverseAttention, bn=False): the transposed convolution of the
 * decoder's features, concatenated after the encoder's skip features, times the concatenated
 * [forward, reverse] attention maps, then leaky ReLU 0.2.
 */
export class ReverseAttention extends nn.Module<[Tensor, Tensor, Tensor]> {
  readonly conv: nn.ConvTranspose2d;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv = this.registerModule('conv', gaussianInit(new nn.ConvTranspose2d(inChannels, outChannels, 4, down)));
  }

  forward(skip: Tensor, decoderFeatures: Tensor, attention: Tensor): Tensor {
    const up = this.conv.call(decoderFeatures);
    return F.leakyRelu(cat([skip, up], 1).mul(attention), 0.2);
  }
}
