/**
 * DFC-Net, the deep flow completion network of Xu et al., "Deep Flow-Guided Video Inpainting"
 * (CVPR 2019), as models/resnet_models.py `ResNet` of nbei/Deep-Flow-Guided-Video-Inpainting:
 * a DeepLab-v2 ResNet (conv1 7x7/2 with bias, BN, ReLU, max pool 3/2 with ceil_mode, layer2
 * stride 2, layer3 and layer4 stride 1 with dilation 2 and 4: output stride 8) and a flow head
 * back to the input size. Input: 11 frames x (masked flow u, v, mask) = 33 channels; output: the
 * completed flow of the middle frame (2 channels). Batch norm always uses its running statistics
 * (the official `train(freezeBn=True)`). Parameter names are the official ones, without the
 * `module.` prefix of nn.DataParallel that the released files carry (see weights.ts).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { bottleneckExpansion, DfcBottleneck } from './bottleneck.js';
import { DfcMultiScaleHead, DfcSingleScaleHead } from './flow-heads.js';

export type DfcHead = 'single-scale' | 'multi-scale';

export interface DfcNetConfig {
  /** Bottleneck blocks of layer1..layer4: [3, 4, 23, 3] is ResNet-101, [3, 4, 6, 3] ResNet-50. */
  readonly layers: readonly [number, number, number, number];
  readonly inChannels: number;
  readonly outChannels: number;
  readonly head: DfcHead;
}

/** `Flow_Branch(33, 2)`: the released resnet101_movie.pth. */
export const resnet101Movie: DfcNetConfig = { layers: [3, 4, 23, 3], inChannels: 33, outChannels: 2, head: 'single-scale' };

export class DfcNet extends nn.Module {
  readonly conv1: nn.Conv2d;
  readonly bn1: nn.BatchNorm2d;
  readonly maxpool: nn.MaxPool2d;
  readonly layer1: nn.Sequential;
  readonly layer2: nn.Sequential;
  readonly layer3: nn.Sequential;
  readonly layer4: nn.Sequential;
  readonly layer5: DfcSingleScaleHead | DfcMultiScaleHead;

  constructor(readonly config: DfcNetConfig = resnet101Movie) {
    super();
    this.conv1 = this.registerModule('conv1', new nn.Conv2d(config.inChannels, 64, 7, { stride: 2, padding: 3 }));
    this.bn1 = this.registerModule('bn1', new nn.BatchNorm2d(64));
    this.maxpool = new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true });
    let inplanes = 64;
    const layer = (planes: number, blocks: number, stride: number, dilation: number): nn.Sequential => {
      const widened = planes * bottleneckExpansion;
      // As the official _make_layer: a projection whenever the stride or width changes, and
      // always in the dilated layers.
      const downsample = stride !== 1 || inplanes !== widened || dilation === 2 || dilation === 4
        ? new nn.Sequential(new nn.Conv2d(inplanes, widened, 1, { stride, bias: false }), new nn.BatchNorm2d(widened))
        : null;
      const blocksOut = [new DfcBottleneck(inplanes, planes, stride, dilation, downsample)];
      inplanes = widened;
      for (let i = 1; i < blocks; i++) blocksOut.push(new DfcBottleneck(inplanes, planes, 1, dilation, null));
      return new nn.Sequential(...blocksOut);
    };
    this.layer1 = this.registerModule('layer1', layer(64, config.layers[0], 1, 1));
    this.layer2 = this.registerModule('layer2', layer(128, config.layers[1], 2, 1));
    this.layer3 = this.registerModule('layer3', layer(256, config.layers[2], 1, 2));
    this.layer4 = this.registerModule('layer4', layer(512, config.layers[3], 1, 4));
    const head = config.head === 'single-scale' ? DfcSingleScaleHead : DfcMultiScaleHead;
    this.layer5 = this.registerModule('layer5', new head(512 * bottleneckExpansion, config.outChannels));
  }

  /** [N, inChannels, H, W] flow stack to [N, outChannels, H, W] flow. */
  forward(x: Tensor): Tensor {
    const size: [number, number] = [x.shape[2], x.shape[3]];
    let y = this.maxpool.call(this.bn1.call(this.conv1.call(x)).relu());
    y = this.layer4.call(this.layer3.call(this.layer2.call(this.layer1.call(y))));
    return this.layer5.call(y, size);
  }

  /** Training keeps batch norm on its running statistics, as the official freezeBn. */
  override train(mode = true): this {
    super.train(mode);
    for (const [, module] of this.namedModules()) if (module instanceof nn.BatchNorm2d) module.training = false;
    return this;
  }
}
