/**
 * StructureFlow's structure reconstructor `StructureGen` (RenYurui/StructureFlow, src/network.py),
 * official names: `input_layer`, `down_sample.{0,1,2}`, `up_sample.{0,1,2}`, `content_param.{0,1,2}`,
 * `image_net`. In: [image·(1−m), structure·(1−m), m] (7 channels, images in [-1,1]); out: the
 * structure image in [-1,1]. Three stride-2 encodings, spectral normalisation and instance norm
 * on the encoder and decoder convolutions; the decoder adds a convolution of each encoder level.
 */
import { nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';
import { Conv2dBlock, GetImage, ResBlocks, UpsampleNearest2x } from './blocks.js';

export interface GeneratorWidth {
  /** Channels of the first layer. @default 64, as every release */
  dim?: number;
  /** Residual blocks per decoder level. */
  residualBlocks?: number;
}

export class StructureGenerator extends nn.Module {
  readonly input_layer: Conv2dBlock;
  readonly down_sample: nn.Sequential;
  readonly up_sample: nn.Sequential;
  readonly content_param: nn.Sequential;
  readonly image_net: GetImage;

  /** Official defaults: dim 64, 4 residual blocks. */
  constructor({ dim = 64, residualBlocks = 4 }: GeneratorWidth = {}) {
    super();
    const sn = { norm: 'in', spectralNorm: true } as const;
    const block = (i: number, o: number, k: number, s: number, p: number) => new Conv2dBlock(i, o, k, s, p, sn);
    this.down_sample = this.registerModule('down_sample', new nn.Sequential(
      new nn.Sequential(block(dim, 2 * dim, 4, 2, 1), block(2 * dim, 2 * dim, 5, 1, 2)),
      new nn.Sequential(block(2 * dim, 4 * dim, 4, 2, 1), block(4 * dim, 4 * dim, 5, 1, 2)),
      new nn.Sequential(block(4 * dim, 8 * dim, 4, 2, 1)),
    ));
    const top = 8 * dim;
    const up = (channels: number) => new nn.Sequential(
      new ResBlocks(residualBlocks, channels, 'in'), new UpsampleNearest2x(), block(channels, channels / 2, 5, 1, 2),
    );
    this.up_sample = this.registerModule('up_sample', new nn.Sequential(up(top), up(top / 2), up(top / 4)));
    const content = (channels: number) => new Conv2dBlock(channels, channels, 5, 1, 2, { norm: 'in' });
    this.content_param = this.registerModule('content_param', new nn.Sequential(content(top / 2), content(top / 4), content(top / 8)));
    // Registered after the lists, as the official constructor does (the state dict's order).
    this.input_layer = this.registerModule('input_layer', block(7, dim, 7, 1, 3));
    this.image_net = this.registerModule('image_net', new GetImage(top / 8, 3));
  }

  /** [B,7,H,W] -> [B,3,H,W] in [-1,1]; H and W multiples of 8. */
  forward(x: Tensor): Tensor {
    new ShapeCheck('StructureGenerator').check('x', x, ['B', 7, 'H', 'W']).multipleOf(['H', 'W'], 8);
    const [down0, down1, down2] = this.levels(this.down_sample);
    const [up0, up1, up2] = this.levels(this.up_sample);
    const [content0, content1, content2] = this.levels(this.content_param);
    const x0 = this.input_layer.call(x);
    const x1 = down0.call(x0);
    const x2 = down1.call(x1);
    const x3 = down2.call(x2);
    const u1 = up0.call(x3).add(content0.call(x2));
    const u2 = up1.call(u1).add(content1.call(x1));
    const u3 = up2.call(u2).add(content2.call(x0));
    return this.image_net.call(u3);
  }

  private levels(list: nn.Sequential): nn.Module[] {
    return [0, 1, 2].map((i) => list.at(i)!);
  }
}
