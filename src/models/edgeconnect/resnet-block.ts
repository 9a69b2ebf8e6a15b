/**
 * EdgeConnect's residual block (knazeri/edge-connect, src/networks.py `ResnetBlock`): reflection
 * pad, a dilated 3x3 convolution, instance norm, ReLU, reflection pad, a 3x3 convolution,
 * instance norm, added to the input with no activation after the sum. With spectral
 * normalisation (the edge generator's blocks) the convolutions have no bias, as the official ones.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { maybeSpectralNorm } from './spectral-norm-option.js';

export class EdgeConnectResnetBlock extends nn.Module {
  readonly conv_block: nn.Sequential;

  constructor(dim: number, dilation = 1, useSpectralNorm = false) {
    super();
    const conv = (d: number) => maybeSpectralNorm(new nn.Conv2d(dim, dim, 3, { dilation: d, bias: !useSpectralNorm }), useSpectralNorm);
    this.conv_block = this.registerModule(
      'conv_block',
      new nn.Sequential(
        new nn.ReflectionPad2d(dilation),
        conv(dilation),
        new nn.InstanceNorm2d(dim),
        new nn.ReLU(),
        new nn.ReflectionPad2d(1),
        conv(1),
        new nn.InstanceNorm2d(dim),
      ),
    );
  }

  forward(x: Tensor): Tensor {
    return x.add(this.conv_block.call(x));
  }
}
