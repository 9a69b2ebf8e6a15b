/**
 * StructureFlow's texture generator `FlowGen` (RenYurui/StructureFlow, src/network.py), official
 * names: `flow_column` (`down_sample_flow.{0..3}`, `up_sample_flow.{0,1}`, `location`) predicts
 * the appearance flow at a quarter of the size, in pixels of that size; `conv_column`
 * (`down_sample.{0,1}`, `up_sample.{0,1}`) encodes the image to a quarter, samples those features
 * at the flow with the Gaussian sampling (16x16 taps, sigma 4, and 4x4 taps, sigma 2), and decodes
 * them with its own features to the image. In: [image·(1−m), structure, m] (7 channels, [-1,1]);
 * out: the image in [-1,1] and the flow. The flow column uses instance norm, the conv column the
 * official LayerNorm; no spectral normalisation (use_sn=False in src/models.py).
 */
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { Conv2dBlock, GetImage, ResBlocks, TransConv2dBlock, UpsampleNearest2x, type Norm } from './blocks.js';
import { GaussianResample } from './gaussian-resample.js';
import type { GeneratorWidth } from './structure-generator.js';

const block = (norm: Norm) => (i: number, o: number, k: number, s: number, p: number) => new Conv2dBlock(i, o, k, s, p, { norm });

class FlowColumn extends nn.Module {
  readonly down_sample_flow: nn.Sequential;
  readonly up_sample_flow: nn.Sequential;
  readonly location: nn.Sequential;

  constructor(dim: number, residualBlocks: number) {
    super();
    const conv = block('in');
    this.down_sample_flow = this.registerModule('down_sample_flow', new nn.Sequential(
      new nn.Sequential(conv(7, dim / 2, 7, 1, 3), conv(dim / 2, dim, 4, 2, 1), conv(dim, dim, 5, 1, 2)),
      new nn.Sequential(conv(dim, 2 * dim, 4, 2, 1), conv(2 * dim, 2 * dim, 5, 1, 2)),
      new nn.Sequential(conv(2 * dim, 4 * dim, 4, 2, 1), conv(4 * dim, 4 * dim, 5, 1, 2)),
      new nn.Sequential(conv(4 * dim, 8 * dim, 4, 2, 1), conv(8 * dim, 8 * dim, 5, 1, 2)),
    ));
    const top = 8 * dim;
    this.up_sample_flow = this.registerModule('up_sample_flow', new nn.Sequential(
      new nn.Sequential(new ResBlocks(residualBlocks, top, 'in'), new TransConv2dBlock(top, top / 2, 6, 2, 2, 'in', 'relu')),
      new nn.Sequential(
        conv(top, top / 2, 5, 1, 2), new ResBlocks(residualBlocks, top / 2, 'in'), new TransConv2dBlock(top / 2, top / 4, 6, 2, 2, 'in', 'relu'),
      ),
    ));
    this.location = this.registerModule('location', new nn.Sequential(
      conv(top / 2, top / 8, 5, 1, 2),
      new Conv2dBlock(top / 8, 2, 3, 1, 1, { activation: 'none', bias: false }),
    ));
  }

  forward(x: Tensor): Tensor {
    const down = [0, 1, 2, 3].map((i) => this.down_sample_flow.at(i)!);
    const x1 = down[0].call(x);
    const x2 = down[1].call(x1);
    const x3 = down[2].call(x2);
    const x4 = down[3].call(x3);
    const u1 = cat([this.up_sample_flow.at(0)!.call(x4), x3], 1);
    const u2 = cat([this.up_sample_flow.at(1)!.call(u1), x2], 1);
    return this.location.call(u2);
  }
}

class ConvColumn extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly down_sample: nn.Sequential;
  readonly up_sample: nn.Sequential;
  readonly resample16 = new GaussianResample(16, 1, 4);
  readonly resample4 = new GaussianResample(4, 1, 2);

  constructor(dim: number, residualBlocks: number) {
    super();
    const conv = block('ln');
    this.down_sample = this.registerModule('down_sample', new nn.Sequential(
      new nn.Sequential(
        conv(7, dim / 2, 7, 1, 3), conv(dim / 2, dim, 4, 2, 1), conv(dim, dim, 5, 1, 2), conv(dim, 2 * dim, 4, 2, 1), conv(2 * dim, 2 * dim, 5, 1, 2),
      ),
      new nn.Sequential(conv(2 * dim, 4 * dim, 5, 1, 2), conv(4 * dim, 8 * dim, 4, 2, 1)),
    ));
    const top = 8 * dim;
    this.up_sample = this.registerModule('up_sample', new nn.Sequential(
      new nn.Sequential(new ResBlocks(residualBlocks, top, 'ln'), new UpsampleNearest2x(), conv(top, top / 2, 5, 1, 2)),
      new nn.Sequential(
        conv(top, top / 2, 5, 1, 2), new ResBlocks(residualBlocks, top / 2, 'ln'), new UpsampleNearest2x(), conv(top / 2, top / 4, 5, 1, 2),
        new ResBlocks(residualBlocks, top / 4, 'ln'), new UpsampleNearest2x(), conv(top / 4, top / 8, 5, 1, 2), new GetImage(top / 8, 3),
      ),
    ));
  }

  forward(x: Tensor, flow: Tensor): Tensor {
    const x1 = this.down_sample.at(0)!.call(x);
    const x2 = this.down_sample.at(1)!.call(x1);
    const sampled = cat([this.resample16.call(x1, flow), this.resample4.call(x1, flow)], 1);
    return this.up_sample.at(1)!.call(cat([this.up_sample.at(0)!.call(x2), sampled], 1));
  }
}

export interface FlowGeneratorOutput {
  /** [B,3,H,W] in [-1,1]. */
  readonly image: Tensor;
  /** [B,2,H/4,W/4]: (dx, dy) in pixels of the quarter size. */
  readonly flow: Tensor;
}

export class FlowGenerator extends nn.Module<[Tensor], FlowGeneratorOutput> {
  readonly flow_column: FlowColumn;
  readonly conv_column: ConvColumn;

  /** Official defaults: dim 64, 2 residual blocks. */
  constructor({ dim = 64, residualBlocks = 2 }: GeneratorWidth = {}) {
    super();
    this.flow_column = this.registerModule('flow_column', new FlowColumn(dim, residualBlocks));
    this.conv_column = this.registerModule('conv_column', new ConvColumn(dim, residualBlocks));
  }

  /** [B,7,H,W] -> the image and the flow; H and W multiples of 16. */
  forward(x: Tensor): FlowGeneratorOutput {
    new ShapeCheck('FlowGenerator').check('x', x, ['B', 7, 'H', 'W']).multipleOf(['H', 'W'], 16);
    const flow = this.flow_column.call(x);
    return { image: this.conv_column.call(x, flow), flow };
  }
}
