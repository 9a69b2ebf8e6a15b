/**
 * CPNet's alignment network (models/CPNet_model.py `A_Encoder`, `A_Regressor`): each frame's
 * features at 1/8 of 224x224, and from a target's and a reference's features the affine matrix
 * that brings the reference onto the target.
 */
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { CPNetConv, imagenetBuffers, normalisedWithMask, quarterLayers, runLayers, type ImagenetBuffers } from './conv-block.js';

/** The side every frame is resized to before alignment, whatever the frame's size. */
const alignmentSide = 224;

/** `A_Encoder`: the ImageNet-normalised frame and a mask channel, resized to 224x224, to [B,256,28,28] (4 x width channels). */
export class AlignmentEncoder extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly #layers: CPNetConv[];
  readonly #imagenet: ImagenetBuffers;

  /** @param width the first layer's channels: 64 in the official network. */
  constructor(width: number) {
    super();
    this.#layers = [
      ...quarterLayers(this, width),
      this.registerModule('conv34', new CPNetConv(2 * width, 4 * width, 3, { stride: 2, padding: 1 })),
      this.registerModule('conv4a', new CPNetConv(4 * width, 4 * width, 3, { padding: 1 })),
      this.registerModule('conv4b', new CPNetConv(4 * width, 4 * width, 3, { padding: 1 })),
    ];
    this.#imagenet = imagenetBuffers(this);
  }

  /** frame [B,3,H,W] in [0,1]; maskChannel [B,1,H,W] (the official code gives a hole map here, or a visibility map). */
  forward(frame: Tensor, maskChannel: Tensor): Tensor {
    const x = F.interpolate(normalisedWithMask(frame, maskChannel, this.#imagenet), { size: [alignmentSide, alignmentSide], mode: 'bilinear', alignCorners: false });
    return runLayers(this.#layers, x);
  }
}

/** `A_Regressor`: the affine matrix [B,2,3] taking target coordinates to the reference's. */
export class AlignmentRegressor extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly conv45: CPNetConv;
  readonly conv5a: CPNetConv;
  readonly conv5b: CPNetConv;
  readonly conv56: CPNetConv;
  readonly fc: nn.Linear;

  /** @param width the alignment encoder's first layer's channels (64): the regressor runs on 8 times as many. */
  constructor(width: number) {
    super();
    const c = 8 * width;
    this.conv45 = this.registerModule('conv45', new CPNetConv(c, c, 3, { stride: 2, padding: 1 }));
    this.conv5a = this.registerModule('conv5a', new CPNetConv(c, c, 3, { padding: 1 }));
    this.conv5b = this.registerModule('conv5b', new CPNetConv(c, c, 3, { padding: 1 }));
    this.conv56 = this.registerModule('conv56', new CPNetConv(c, c, 3, { stride: 2, padding: 1 }));
    // In the release but never run: the official forward applies conv5a and conv5b a second time instead.
    this.registerModule('conv6a', new CPNetConv(c, c, 3, { padding: 1 }));
    this.registerModule('conv6b', new CPNetConv(c, c, 3, { padding: 1 }));
    this.fc = this.registerModule('fc', new nn.Linear(c, 6));
  }

  forward(targetFeatures: Tensor, referenceFeatures: Tensor): Tensor {
    let x = this.conv45.call(cat([targetFeatures, referenceFeatures], 1));
    x = this.conv5b.call(this.conv5a.call(x));
    x = this.conv5b.call(this.conv5a.call(this.conv56.call(x)));
    const pooled = x.mean([2, 3]);
    return this.fc.call(pooled).view(-1, 2, 3);
  }
}
