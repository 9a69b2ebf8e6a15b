/**
 * EdgeConnect's two generators (Nazeri et al. 2019; knazeri/edge-connect, src/networks.py), with
 * the official parameter names so the released `EdgeModel_gen.pth` and `InpaintingModel_gen.pth`
 * load as they are: an encoder (7x7, then two stride-2 4x4 convolutions), residual blocks with
 * dilation 2, a decoder (two stride-2 transposed convolutions, a 7x7 convolution), instance norm
 * throughout.
 *
 * - `EdgeConnectEdgeGenerator`: grey image, edges and mask in (3 channels), an edge map out
 *   (sigmoid); spectral normalisation on every convolution but the last.
 * - `EdgeConnectInpaintGenerator`: image and edges in (4 channels), the image out
 *   ((tanh + 1) / 2, in [0, 1]); no spectral normalisation.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { EdgeConnectResnetBlock } from './resnet-block.js';
import { maybeSpectralNorm } from './spectral-norm-option.js';

/** @default 8 residual blocks, as the official networks and their releases. */
export const edgeConnectResidualBlocks = 8;

abstract class EdgeConnectGeneratorBody extends nn.Module {
  readonly encoder: nn.Sequential;
  readonly middle: nn.Sequential;
  readonly decoder: nn.Sequential;

  constructor(inChannels: number, outChannels: number, residualBlocks: number, sn: boolean) {
    super();
    const norm = (channels: number) => new nn.InstanceNorm2d(channels);
    const conv = (i: number, o: number, k: number, stride = 1, padding = 0) => maybeSpectralNorm(new nn.Conv2d(i, o, k, { stride, padding }), sn);
    const up = (i: number, o: number) => maybeSpectralNorm(new nn.ConvTranspose2d(i, o, 4, { stride: 2, padding: 1 }), sn);
    this.encoder = this.registerModule(
      'encoder',
      new nn.Sequential(
        new nn.ReflectionPad2d(3), conv(inChannels, 64, 7), norm(64), new nn.ReLU(),
        conv(64, 128, 4, 2, 1), norm(128), new nn.ReLU(),
        conv(128, 256, 4, 2, 1), norm(256), new nn.ReLU(),
      ),
    );
    const blocks = Array.from({ length: residualBlocks }, () => new EdgeConnectResnetBlock(256, 2, sn));
    this.middle = this.registerModule('middle', new nn.Sequential(...blocks));
    this.decoder = this.registerModule(
      'decoder',
      new nn.Sequential(
        up(256, 128), norm(128), new nn.ReLU(),
        up(128, 64), norm(64), new nn.ReLU(),
        new nn.ReflectionPad2d(3), new nn.Conv2d(64, outChannels, 7),
      ),
    );
  }

  /** The decoder's raw output, before the generator's own activation. */
  protected body(x: Tensor): Tensor {
    return this.decoder.call(this.middle.call(this.encoder.call(x)));
  }
}

export class EdgeConnectEdgeGenerator extends EdgeConnectGeneratorBody {
  constructor(options: { residualBlocks?: number; useSpectralNorm?: boolean } = {}) {
    super(3, 1, options.residualBlocks ?? edgeConnectResidualBlocks, options.useSpectralNorm ?? true);
  }

  /** [N, 3, H, W] (grey, edges, mask) -> [N, 1, H, W] edge probabilities. */
  forward(x: Tensor): Tensor {
    new ShapeCheck('EdgeConnectEdgeGenerator').check('x', x, ['B', 3, 'H', 'W']).multipleOf(['H', 'W'], 4);
    return this.body(x).sigmoid();
  }
}

export class EdgeConnectInpaintGenerator extends EdgeConnectGeneratorBody {
  constructor(options: { residualBlocks?: number } = {}) {
    super(4, 3, options.residualBlocks ?? edgeConnectResidualBlocks, false);
  }

  /** [N, 4, H, W] (image, edges) -> [N, 3, H, W] image in [0, 1]. */
  forward(x: Tensor): Tensor {
    new ShapeCheck('EdgeConnectInpaintGenerator').check('x', x, ['B', 4, 'H', 'W']).multipleOf(['H', 'W'], 4);
    return this.body(x).tanh().add(1).div(2);
  }
}
