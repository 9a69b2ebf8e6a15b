/**
 * CPNet's copy and paste networks (models/CPNet_model.py `Encoder`, `Decoder`): value features at
 * 1/4 of the frame, and from the target's features, the copied features and the copy mask
 * (257 channels) the filled frame, through dilated convolutions and two nearest-neighbour doublings.
 */
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { CPNetConv, imagenetBuffers } from './conv-block.js';

/** `Encoder`: the ImageNet-normalised frame and a mask channel to value features [B,128,H/4,W/4]. */
export class CopyEncoder extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly #layers: CPNetConv[];
  readonly #imagenet: { mean: Tensor; std: Tensor };

  constructor() {
    super();
    this.#layers = [
      this.registerModule('conv12', new CPNetConv(4, 64, 5, { stride: 2, padding: 2 })),
      this.registerModule('conv2', new CPNetConv(64, 64, 3, { padding: 1 })),
      this.registerModule('conv23', new CPNetConv(64, 128, 3, { stride: 2, padding: 1 })),
      this.registerModule('conv3', new CPNetConv(128, 128, 3, { padding: 1 })),
      this.registerModule('value3', new CPNetConv(128, 128, 3, { padding: 1, relu: false })),
    ];
    this.#imagenet = imagenetBuffers(this);
  }

  forward(frame: Tensor, maskChannel: Tensor): Tensor {
    const x = cat([frame.sub(this.#imagenet.mean).div(this.#imagenet.std), maskChannel], 1);
    return this.#layers.reduce((y, layer) => layer.call(y), x);
  }
}

/** `Decoder`: [B,257,H/4,W/4] to the frame [B,3,H,W], de-normalised with the ImageNet mean and std. */
export class PasteDecoder extends nn.Module {
  readonly #quarter: CPNetConv[];
  readonly #half: CPNetConv[];
  readonly conv21: CPNetConv;
  readonly #imagenet: { mean: Tensor; std: Tensor };

  constructor() {
    super();
    const conv = (name: string, i: number, o: number, dilation = 1) => this.registerModule(name, new CPNetConv(i, o, 3, { padding: dilation, dilation }));
    this.#quarter = [
      conv('conv4', 257, 257), conv('conv5_1', 257, 257), conv('conv5_2', 257, 257),
      conv('convA4_1', 257, 257, 2), conv('convA4_2', 257, 257, 4), conv('convA4_3', 257, 257, 8), conv('convA4_4', 257, 257, 16),
      conv('conv3c', 257, 257), conv('conv3b', 257, 128), conv('conv3a', 128, 128),
    ];
    this.#half = [conv('conv32', 128, 64), conv('conv2', 64, 64)];
    this.conv21 = this.registerModule('conv21', new CPNetConv(64, 3, 5, { padding: 2, relu: false }));
    this.#imagenet = imagenetBuffers(this);
  }

  forward(x: Tensor): Tensor {
    const run = (layers: CPNetConv[], input: Tensor) => layers.reduce((y, layer) => layer.call(y), input);
    const half = run(this.#half, F.interpolate(run(this.#quarter, x), { scaleFactor: 2 }));
    const out = this.conv21.call(F.interpolate(half, { scaleFactor: 2 }));
    return out.mul(this.#imagenet.std).add(this.#imagenet.mean);
  }
}
