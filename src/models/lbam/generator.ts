/**
 * The LBAM generator (Xie et al. 2019; official models/LBAMModel.py `LBAMModel(4, 3)`), as
 * released: a U-Net of seven forward-attention encoder stages (ec1..ec7), a reverse-attention
 * branch on the hole map (reverseConv1..6) and six reverse-attention decoder stages (dc1..dc6)
 * whose features are multiplied by [forward map, reverse map]; dc7 is a plain transposed
 * convolution and the output (tanh(x) + 1) / 2, in [0, 1]. No batch norm (the released weights
 * were trained without it).
 *
 * Input: [image * mask, mask] (4 channels, [0, 1], mask 1 = valid) and the mask as 3 channels.
 * Sides must be multiples of 128 (seven halvings).
 *
 * `width` is the first stage's channels (official 64; stages have width x 1, 2, 4, 8, 8, 8, 8):
 * the parity fixtures and the contract test use narrow instances. Parameter names are the
 * official ones, so the released state dict loads unchanged.
 */
import { ShapeCheck } from '../common/check-shape.js';
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ForwardAttention, ReverseAttention, ReverseMaskConv } from './attention-layers.js';

/** Seven halvings. */
export const lbamSizeGrid = 128;

export interface LbamOptions {
  /** Channels of the first stage. @default 64 */
  width?: number;
}

export class LbamGenerator extends nn.Module<[Tensor, Tensor]> {
  readonly width: number;
  readonly encoder: ForwardAttention[];
  readonly reverse: ReverseMaskConv[];
  readonly decoder: ReverseAttention[];
  readonly dc7: nn.ConvTranspose2d;

  constructor(options: LbamOptions = {}) {
    super();
    const w = this.width = options.width ?? 64;
    const stages = [w, 2 * w, 4 * w, 8 * w, 8 * w, 8 * w, 8 * w];
    this.encoder = stages.map((out, i) => this.registerModule(`ec${i + 1}`, i === 0 ? new ForwardAttention(4, out, 3) : new ForwardAttention(stages[i - 1], out)));
    this.reverse = stages.slice(0, 6).map((out, i) => this.registerModule(`reverseConv${i + 1}`, new ReverseMaskConv(i === 0 ? 3 : stages[i - 1], out)));
    // dc1 takes ec7's features; every later stage the previous stage's [skip, up] concatenation.
    this.decoder = [5, 4, 3, 2, 1, 0].map((skipStage, i) =>
      this.registerModule(`dc${i + 1}`, new ReverseAttention(i === 0 ? stages[6] : 2 * stages[skipStage + 1], stages[skipStage])));
    this.dc7 = this.registerModule('dc7', new nn.ConvTranspose2d(2 * w, 3, 4, { stride: 2, padding: 1, bias: false }));
  }

  forward(input: Tensor, masks: Tensor): Tensor {
    checkInputs(input, masks);
    const skips: Tensor[] = [];
    const forwardMaps: Tensor[] = [];
    let features = input;
    let mask = masks;
    for (const stage of this.encoder) {
      const out = stage.call(features, mask);
      skips.push(out.skip);
      forwardMaps.push(out.attention);
      features = out.features;
      mask = out.mask;
    }
    const reverseMaps: Tensor[] = [];
    let reverseMask = masks.neg().add(1);
    for (const stage of this.reverse) {
      const out = stage.call(reverseMask);
      reverseMaps.push(out.attention);
      reverseMask = out.mask;
    }
    this.decoder.forEach((stage, i) => {
      const level = 5 - i;
      features = stage.call(skips[level], features, cat([forwardMaps[level], reverseMaps[level]], 1));
    });
    return this.dc7.call(features).tanh().add(1).div(2);
  }
}

function checkInputs(input: Tensor, masks: Tensor): void {
  new ShapeCheck('LbamGenerator')
    .check('input', input, ['B', 4, 'H', 'W'])
    .check('masks', masks, ['B', 3, 'H', 'W'])
    .multipleOf(['H', 'W'], lbamSizeGrid);
}
