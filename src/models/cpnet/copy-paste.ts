/**
 * CPNet's copy and paste networks (models/CPNet_model.py `Encoder`, `Decoder`): value features at
 * 1/4 of the frame, and from the target's features, the copied features and the copy mask
 * (257 channels) the filled frame, through dilated convolutions and two nearest-neighbour doublings.
 */
import { F, nn, type Tensor } from '../../torch/index.js';
import { CPNetConv, imagenetBuffers, normalisedWithMask, quarterLayers, runLayers, type ImagenetBuffers } from './conv-block.js';

/** `Encoder`: the ImageNet-normalised frame and a mask channel to value features [B,128,H/4,W/4]. */
export class CopyEncoder extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly #layers: CPNetConv[];
  readonly #imagenet: ImagenetBuffers;

  /** @param width the first layer's channels: 64 in the official network, whose value features have 128. */
  constructor(width: number) {
    super();
    this.#layers = [
      ...quarterLayers(this, width),
      this.registerModule('value3', new CPNetConv(2 * width, 2 * width, 3, { padding: 1, relu: false })),
    ];
    this.#imagenet = imagenetBuffers(this);
  }

  forward(frame: Tensor, maskChannel: Tensor): Tensor {
    return runLayers(this.#layers, normalisedWithMask(frame, maskChannel, this.#imagenet));
  }
}

/** `Decoder`: [B,257,H/4,W/4] to the frame [B,3,H,W], de-normalised with the ImageNet mean and std. */
export class PasteDecoder extends nn.Module {
  readonly #quarter: CPNetConv[];
  readonly #half: CPNetConv[];
  readonly conv21: CPNetConv;
  readonly #imagenet: ImagenetBuffers;

  /** @param width the copy encoder's first layer's channels (64): the input has 4 x width + 1 (257). */
  constructor(width: number) {
    super();
    const conv = (name: string, i: number, o: number, dilation = 1) => this.registerModule(name, new CPNetConv(i, o, 3, { padding: dilation, dilation }));
    const c = 4 * width + 1;
    this.#quarter = [
      conv('conv4', c, c), conv('conv5_1', c, c), conv('conv5_2', c, c),
      conv('convA4_1', c, c, 2), conv('convA4_2', c, c, 4), conv('convA4_3', c, c, 8), conv('convA4_4', c, c, 16),
      conv('conv3c', c, c), conv('conv3b', c, 2 * width), conv('conv3a', 2 * width, 2 * width),
    ];
    this.#half = [conv('conv32', 2 * width, width), conv('conv2', width, width)];
    this.conv21 = this.registerModule('conv21', new CPNetConv(width, 3, 5, { padding: 2, relu: false }));
    this.#imagenet = imagenetBuffers(this);
  }

  forward(x: Tensor): Tensor {
    const half = runLayers(this.#half, F.interpolate(runLayers(this.#quarter, x), { scaleFactor: 2 }));
    const out = this.conv21.call(F.interpolate(half, { scaleFactor: 2 }));
    return out.mul(this.#imagenet.std).add(this.#imagenet.mean);
  }
}
