/**
 * CPNet's alignment network (models/CPNet_model.py `A_Encoder`, `A_Regressor`): each frame's
 * features at 1/8 of 224x224, and from a target's and a reference's features the affine matrix
 * that brings the reference onto the target.
 */
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { CPNetConv, imagenetBuffers } from './conv-block.js';

/** The side every frame is resized to before alignment, whatever the frame's size. */
const alignmentSide = 224;

/** `A_Encoder`: the ImageNet-normalised frame and a mask channel, resized to 224x224, to [B,256,28,28]. */
export class AlignmentEncoder extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly #layers: CPNetConv[];
  readonly #imagenet: { mean: Tensor; std: Tensor };

  constructor() {
    super();
    this.#layers = [
      this.registerModule('conv12', new CPNetConv(4, 64, 5, { stride: 2, padding: 2 })),
      this.registerModule('conv2', new CPNetConv(64, 64, 3, { padding: 1 })),
      this.registerModule('conv23', new CPNetConv(64, 128, 3, { stride: 2, padding: 1 })),
      this.registerModule('conv3', new CPNetConv(128, 128, 3, { padding: 1 })),
      this.registerModule('conv34', new CPNetConv(128, 256, 3, { stride: 2, padding: 1 })),
      this.registerModule('conv4a', new CPNetConv(256, 256, 3, { padding: 1 })),
      this.registerModule('conv4b', new CPNetConv(256, 256, 3, { padding: 1 })),
    ];
    this.#imagenet = imagenetBuffers(this);
  }

  /** frame [B,3,H,W] in [0,1]; maskChannel [B,1,H,W] (the official code gives a hole map here, or a visibility map). */
  forward(frame: Tensor, maskChannel: Tensor): Tensor {
    const normalised = frame.sub(this.#imagenet.mean).div(this.#imagenet.std);
    const x = F.interpolate(cat([normalised, maskChannel], 1), { size: [alignmentSide, alignmentSide], mode: 'bilinear', alignCorners: false });
    return this.#layers.reduce((y, layer) => layer.call(y), x);
  }
}

/** `A_Regressor`: the affine matrix [B,2,3] taking target coordinates to the reference's. */
export class AlignmentRegressor extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly conv45: CPNetConv;
  readonly conv5a: CPNetConv;
  readonly conv5b: CPNetConv;
  readonly conv56: CPNetConv;
  readonly fc: nn.Linear;

  constructor() {
    super();
    this.conv45 = this.registerModule('conv45', new CPNetConv(512, 512, 3, { stride: 2, padding: 1 }));
    this.conv5a = this.registerModule('conv5a', new CPNetConv(512, 512, 3, { padding: 1 }));
    this.conv5b = this.registerModule('conv5b', new CPNetConv(512, 512, 3, { padding: 1 }));
    this.conv56 = this.registerModule('conv56', new CPNetConv(512, 512, 3, { stride: 2, padding: 1 }));
    // In the release but never run: the official forward applies conv5a and conv5b a second time instead.
    this.registerModule('conv6a', new CPNetConv(512, 512, 3, { padding: 1 }));
    this.registerModule('conv6b', new CPNetConv(512, 512, 3, { padding: 1 }));
    this.fc = this.registerModule('fc', new nn.Linear(512, 6));
  }

  forward(targetFeatures: Tensor, referenceFeatures: Tensor): Tensor {
    let x = this.conv45.call(cat([targetFeatures, referenceFeatures], 1));
    x = this.conv5b.call(this.conv5a.call(x));
    x = this.conv5b.call(this.conv5a.call(this.conv56.call(x)));
    const pooled = x.mean([2, 3]);
    return this.fc.call(pooled).view(-1, 2, 3);
  }
}
