/**
 * The ResNet bottleneck block PRVS uses as its edge generator's and output's resolver
 * (modules/VSRLayer.py and modules/PRVSNet.py `Bottleneck`, expansion 4, stride 1): 1x1 down to
 * `planes`, 3x3, 1x1 back up to 4 x planes, each convolution without bias and batch-normalised,
 * ReLU between them and after the residual sum (so inChannels must be 4 x planes).
 */
import { nn, type Tensor } from '../../torch/index.js';

export class Bottleneck extends nn.Module {
  readonly conv1: nn.Conv2d;
  readonly bn1: nn.BatchNorm2d;
  readonly conv2: nn.Conv2d;
  readonly bn2: nn.BatchNorm2d;
  readonly conv3: nn.Conv2d;
  readonly bn3: nn.BatchNorm2d;

  constructor(inChannels: number, planes: number) {
    super();
    this.conv1 = this.registerModule('conv1', new nn.Conv2d(inChannels, planes, 1, { bias: false }));
    this.bn1 = this.registerModule('bn1', new nn.BatchNorm2d(planes));
    this.conv2 = this.registerModule('conv2', new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false }));
    this.bn2 = this.registerModule('bn2', new nn.BatchNorm2d(planes));
    this.conv3 = this.registerModule('conv3', new nn.Conv2d(planes, planes * 4, 1, { bias: false }));
    this.bn3 = this.registerModule('bn3', new nn.BatchNorm2d(planes * 4));
  }

  forward(x: Tensor): Tensor {
    const a = this.bn1.call(this.conv1.call(x)).relu();
    const b = this.bn2.call(this.conv2.call(a)).relu();
    return this.bn3.call(this.conv3.call(b)).add(x).relu();
  }
}
