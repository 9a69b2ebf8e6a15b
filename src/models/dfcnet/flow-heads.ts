/**
 * DFC-Net's heads ("layer5", models/resnet_models.py): what turns the ResNet's 2048 features at
 * 1/8 of the input back into flow at the input's size. Both resize bilinearly with
 * align_corners=False (the single-scale head calls F.upsample with no align_corners, which is
 * False since PyTorch 0.4.0).
 */
import { F, nn, type Tensor } from '../../torch/index.js';

/** `FlowModule_SingleScale`, the head of the released ResNet-101 "movie" model: 1x1 conv, resize. */
export class DfcSingleScaleHead extends nn.Module<[Tensor, [number, number]]> {
  readonly conv1: nn.Conv2d;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv1 = this.registerModule('conv1', new nn.Conv2d(inChannels, outChannels, 1));
  }

  forward(x: Tensor, size: [number, number]): Tensor {
    return F.interpolate(this.conv1.call(x), { size, mode: 'bilinear', alignCorners: false });
  }
}

/**
 * `FlowModule_MultiScale`, the head of the ResNet-50 stage models: resize to 1/4, 5x5 conv,
 * ReLU, resize to 1/2, 3x3 conv, ReLU, resize to the input size, 1x1 conv.
 */
export class DfcMultiScaleHead extends nn.Module<[Tensor, [number, number]]> {
  readonly conv1: nn.Conv2d;
  readonly conv2: nn.Conv2d;
  readonly conv3: nn.Conv2d;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv1 = this.registerModule('conv1', new nn.Conv2d(inChannels, 256, 5, { padding: 2 }));
    this.conv2 = this.registerModule('conv2', new nn.Conv2d(256, 128, 3, { padding: 1 }));
    this.conv3 = this.registerModule('conv3', new nn.Conv2d(128, outChannels, 1));
  }

  forward(x: Tensor, size: [number, number]): Tensor {
    const [h, w] = size;
    const resize = (t: Tensor, to: [number, number]) => F.interpolate(t, { size: to, mode: 'bilinear', alignCorners: false });
    let y = this.conv1.call(resize(x, [Math.floor(h / 4), Math.floor(w / 4)])).relu();
    y = this.conv2.call(resize(y, [Math.floor(h / 2), Math.floor(w / 2)])).relu();
    return this.conv3.call(resize(y, size));
  }
}
