/**
 * The Temporal PatchGAN discriminator of Free-Form Video Inpainting
 * (`SNTemporalPatchGANDiscriminator`, src/model/networks.py) as the ICCV model uses it: six 3D
 * convolutions with (3, 5, 5) kernels and stride (1, 2, 2), spectral norm and LeakyReLU on all but
 * the last, a sigmoid on its output unless `useSigmoid` is off. In: frames, mask and a zero
 * guidance channel, [B, 5, L, H, W]; out: [B, 4nf, L, H/64, W/64] (rounded up) patch scores.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { FfviVanillaConv } from './gated-conv.js';

export interface FfviDiscriminatorOptions {
  /** Channels of the first layer (the official `d_t_args.nf`, 32 by default, 64 in the configs). */
  readonly nf: number;
  /** @default true, the official default */
  readonly useSigmoid?: boolean;
}

export class FfviTemporalDiscriminator extends nn.Module {
  readonly layers: FfviVanillaConv[];
  readonly useSigmoid: boolean;

  constructor(options: FfviDiscriminatorOptions) {
    super();
    const nf = options.nf;
    const widths = [5, nf, nf * 2, nf * 4, nf * 4, nf * 4, nf * 4];
    this.layers = widths.slice(1).map((out, i) =>
      this.registerModule(
        `conv${i + 1}`,
        new FfviVanillaConv(widths[i], out, [3, 5, 5], {
          stride: [1, 2, 2],
          // The first layer pads the frames by 1 only, as the official one.
          padding: i === 0 ? 1 : [1, 2, 2],
          bias: true,
          activation: i < 5,
          spectralNorm: i < 5,
        }),
      ));
    this.useSigmoid = options.useSigmoid ?? true;
  }

  forward(x: Tensor): Tensor {
    new ShapeCheck('FfviTemporalDiscriminator').check('x', x, ['B', 5, 'L', 'H', 'W']);
    const out = this.layers.reduce((h, layer) => layer.call(h), x);
    return this.useSigmoid ? out.sigmoid() : out;
  }
}
