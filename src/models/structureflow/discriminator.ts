/**
 * StructureFlow's discriminators (RenYurui/StructureFlow, src/network.py `MultiDiscriminator`,
 * `Discriminator`, `DownsampleResBlock`), official names: `model_1` on the image and `model_2` on
 * it average-pooled to half the size (3x3, stride 2, padding 1, padding not counted); each a
 * spectral-norm 4x4 stride-2 convolution, two residual down-sampling blocks (64 -> 128 -> 256)
 * and a 1x1 convolution to one score per position, leaky ReLU 0.2, no norm.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { Conv2dBlock } from './blocks.js';

const sn = { activation: 'lrelu', spectralNorm: true } as const;

/** `DownsampleResBlock`: two 3x3 convolutions then 2x2 average pooling, plus pooling then a 1x1 convolution. */
class DownsampleResBlock extends nn.Module {
  readonly conv_1: nn.Sequential;
  readonly conv_2: nn.Sequential;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv_1 = this.registerModule('conv_1', new nn.Sequential(
      new Conv2dBlock(inChannels, inChannels, 3, 1, 1, sn), new Conv2dBlock(inChannels, outChannels, 3, 1, 1, sn), new nn.AvgPool2d(2, { stride: 2 }),
    ));
    this.conv_2 = this.registerModule('conv_2', new nn.Sequential(new nn.AvgPool2d(2, { stride: 2 }), new Conv2dBlock(inChannels, outChannels, 1, 1, 0, sn)));
  }

  forward(x: Tensor): Tensor {
    return this.conv_1.call(x).add(this.conv_2.call(x));
  }
}

class Discriminator extends nn.Module {
  readonly model: nn.Sequential;

  constructor(dim = 64) {
    super();
    this.model = this.registerModule('model', new nn.Sequential(
      new Conv2dBlock(3, dim, 4, 2, 1, sn),
      new DownsampleResBlock(dim, 2 * dim),
      new DownsampleResBlock(2 * dim, 4 * dim),
      new Conv2dBlock(4 * dim, 1, 1, 1, 0, { activation: 'none', bias: false, spectralNorm: true }),
    ));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}

export class StructureFlowDiscriminator extends nn.Module<[Tensor], Tensor[]> {
  readonly model_1: Discriminator;
  readonly model_2: Discriminator;
  readonly down = new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false });

  constructor() {
    super();
    this.model_1 = this.registerModule('model_1', new Discriminator());
    this.model_2 = this.registerModule('model_2', new Discriminator());
  }

  /** [B,3,H,W] in [-1,1] -> the scores of both scales. */
  forward(x: Tensor): Tensor[] {
    return [this.model_1.call(x), this.model_2.call(this.down.call(x))];
  }
}
