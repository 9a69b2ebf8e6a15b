/**
 * DFC-Net's ResNet bottleneck (nbei/Deep-Flow-Guided-Video-Inpainting, models/resnet_models.py
 * `Bottleneck`), DeepLab-v2 style: the stride sits on the first 1x1 convolution (Caffe style), the
 * 3x3 convolution is dilated with padding equal to its dilation, no convolution has a bias.
 */
import { nn, type Tensor } from '../../torch/index.js';

export const bottleneckExpansion = 4;

export class DfcBottleneck extends nn.Module {
  readonly conv1: nn.Conv2d;
  readonly bn1: nn.BatchNorm2d;
  readonly conv2: nn.Conv2d;
  readonly bn2: nn.BatchNorm2d;
  readonly conv3: nn.Conv2d;
  readonly bn3: nn.BatchNorm2d;
  readonly downsample: nn.Sequential | null;

  constructor(inplanes: number, planes: number, stride: number, dilation: number, downsample: nn.Sequential | null) {
    super();
    this.conv1 = this.registerModule('conv1', new nn.Conv2d(inplanes, planes, 1, { stride, bias: false }));
    this.bn1 = this.registerModule('bn1', new nn.BatchNorm2d(planes));
    this.conv2 = this.registerModule('conv2', new nn.Conv2d(planes, planes, 3, { padding: dilation, dilation, bias: false }));
    this.bn2 = this.registerModule('bn2', new nn.BatchNorm2d(planes));
    this.conv3 = this.registerModule('conv3', new nn.Conv2d(planes, planes * bottleneckExpansion, 1, { bias: false }));
    this.bn3 = this.registerModule('bn3', new nn.BatchNorm2d(planes * bottleneckExpansion));
    this.downsample = downsample === null ? null : this.registerModule('downsample', downsample);
  }

  forward(x: Tensor): Tensor {
    let out = this.bn1.call(this.conv1.call(x)).relu();
    out = this.bn2.call(this.conv2.call(out)).relu();
    out = this.bn3.call(this.conv3.call(out));
    const residual = this.downsample === null ? x : this.downsample.call(x);
    return out.add(residual).relu();
  }
}
