/**
 * The ICCV generator of Free-Form Video Inpainting (Chang et al. 2019; src/model/modules.py and
 * networks.py): `generator.coarse_net` with a `downsample_module` (two stride-(1,2,2) gated 3D
 * convolutions, dilated ones at 2, 4, 8, 16) and an `upsample_module` (two gated "deconvolutions",
 * nearest x2 then convolution), optionally fed the encoder's features at each scale (the skip
 * connections the ICCV release uses). In: masked frames, mask (1 = valid) and a zero guidance
 * channel, [B, 5, L, H, W]; out: the frames with the hole filled, [B, 3, L, H, W] in [0, 1]
 * before clamping.
 */
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { FfviGatedConv, FfviGatedDeconv, samePadding, type FfviConvOptions } from './gated-conv.js';

export interface FfviGeneratorOptions {
  /** Channels of the first layer (the official `nf`). */
  readonly nf: number;
  /** Whether the decoder also takes the encoder's features (`use_skip_connection`). */
  readonly skipConnections: boolean;
  /** @default true, as the official configs' `bias` */
  readonly bias?: boolean;
}

/** Height and width must be multiples of this: two halvings. */
export const ffviSizeGrid = 4;

type Features = [Tensor, Tensor, Tensor];

export class FfviDownSampleModule extends nn.Module<[Tensor], Features> {
  readonly layers: FfviGatedConv[];

  constructor(inChannels: number, nf: number, bias: boolean) {
    super();
    const k3 = [3, 3, 3];
    const conv = (name: string, i: number, o: number, kernel: number[], options: Omit<FfviConvOptions, 'bias'>) =>
      this.registerModule(name, new FfviGatedConv(i, o, kernel, { ...options, bias }));
    const dilated = (name: string, d: number) =>
      conv(name, nf * 4, nf * 4, k3, { dilation: [1, d, d], padding: samePadding(k3, [1, d, d]) });
    this.layers = [
      conv('conv1', inChannels, nf, [3, 5, 5], { padding: 1 }),
      conv('conv2', nf, nf * 2, [3, 4, 4], { stride: [1, 2, 2], padding: [1, 2, 2] }),
      conv('conv3', nf * 2, nf * 2, k3, { padding: 1 }),
      conv('conv4', nf * 2, nf * 4, [3, 4, 4], { stride: [1, 2, 2], padding: 1 }),
      conv('conv5', nf * 4, nf * 4, k3, { padding: 1 }),
      conv('conv6', nf * 4, nf * 4, k3, { padding: 1 }),
      dilated('dilated_conv1', 2),
      dilated('dilated_conv2', 4),
      dilated('dilated_conv3', 8),
      dilated('dilated_conv4', 16),
      conv('conv7', nf * 4, nf * 4, k3, { padding: 1 }),
      conv('conv8', nf * 4, nf * 4, k3, { padding: 1 }),
    ];
  }

  /** The deepest features, then those of conv4 (quarter size) and conv2 (half size), for the skips. */
  forward(x: Tensor): Features {
    let c2: Tensor | undefined;
    let c4: Tensor | undefined;
    let out = x;
    this.layers.forEach((layer, i) => {
      out = layer.call(out);
      if (i === 1) c2 = out;
      if (i === 3) c4 = out;
    });
    return [out, c4!, c2!];
  }
}

export class FfviUpSampleModule extends nn.Module<[Features]> {
  readonly deconv1: FfviGatedDeconv;
  readonly conv9: FfviGatedConv;
  readonly deconv2: FfviGatedDeconv;
  readonly conv10: FfviGatedConv;
  readonly conv11: FfviGatedConv;

  constructor(inChannels: number, outChannels: number, nf: number, bias: boolean, readonly skipConnections: boolean) {
    super();
    const k3 = [3, 3, 3];
    const options = { padding: 1, bias };
    this.deconv1 = this.registerModule('deconv1', new FfviGatedDeconv(skipConnections ? inChannels * 2 : inChannels, nf * 2, k3, options));
    this.conv9 = this.registerModule('conv9', new FfviGatedConv(nf * 2, nf * 2, k3, options));
    this.deconv2 = this.registerModule('deconv2', new FfviGatedDeconv(skipConnections ? nf * 4 : nf * 2, nf, k3, options));
    this.conv10 = this.registerModule('conv10', new FfviGatedConv(nf, Math.floor(nf / 2), k3, options));
    this.conv11 = this.registerModule('conv11', new FfviGatedConv(Math.floor(nf / 2), outChannels, k3, { ...options, activation: false, spectralNorm: false }));
  }

  forward([c8, c4, c2]: Features): Tensor {
    const d1 = this.deconv1.call(this.skipConnections ? cat([c8, c4], 1) : c8);
    const c9 = this.conv9.call(d1);
    const d2 = this.deconv2.call(this.skipConnections ? cat([c9, c2], 1) : c9);
    return this.conv11.call(this.conv10.call(d2));
  }
}

export class FfviCoarseNet extends nn.Module<[Tensor, Tensor]> {
  readonly downsample_module: FfviDownSampleModule;
  readonly upsample_module: FfviUpSampleModule;

  constructor(options: FfviGeneratorOptions) {
    super();
    const bias = options.bias ?? true;
    this.downsample_module = this.registerModule('downsample_module', new FfviDownSampleModule(5, options.nf, bias));
    this.upsample_module = this.registerModule(
      'upsample_module',
      new FfviUpSampleModule(options.nf * 4, 3, options.nf, bias, options.skipConnections),
    );
  }

  /**
   * masked: [B, 3, L, H, W] frames times the mask; mask: [B, 1, L, H, W], 1 = valid. The network's
   * output where the mask is 0, the masked frames where it is 1 (`CoarseNet.postprocess`).
   */
  forward(masked: Tensor, mask: Tensor): Tensor {
    const shapes = new ShapeCheck('FfviGenerator').check('masked', masked, ['B', 3, 'L', 'H', 'W']).check('mask', mask, ['B', 1, 'L', 'H', 'W']);
    shapes.multipleOf(['H', 'W'], ffviSizeGrid);
    const guidance = mask.mul(0);
    const c11 = this.upsample_module.call(this.downsample_module.call(cat([masked, mask, guidance], 1)));
    return c11.mul(mask.neg().add(1)).add(masked);
  }
}

/** `generator` of the official VideoInpaintingModel: the coarse net alone (the refine net is off). */
export class FfviGenerator extends nn.Module<[Tensor, Tensor]> {
  readonly coarse_net: FfviCoarseNet;

  constructor(options: FfviGeneratorOptions) {
    super();
    this.coarse_net = this.registerModule('coarse_net', new FfviCoarseNet(options));
  }

  forward(masked: Tensor, mask: Tensor): Tensor {
    return this.coarse_net.call(masked, mask);
  }
}
