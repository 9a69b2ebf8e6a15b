/**
 * CPNet's `Conv2d` wrapper (models/model_module.py): a convolution and an optional ReLU in a
 * Sequential named `conv`, so the release's keys read `<layer>.conv.0.weight`.
 */
import { cat, nn, tensor, type Tensor } from '../../torch/index.js';
import type { AnyModule } from '../../torch/nn/module.js';

export class CPNetConv extends nn.Module {
  readonly conv: nn.Sequential;

  constructor(inChannels: number, outChannels: number, kernelSize: number, options: { stride?: number; padding: number; dilation?: number; relu?: boolean }) {
    super();
    const conv = new nn.Conv2d(inChannels, outChannels, kernelSize, { stride: options.stride ?? 1, padding: options.padding, dilation: options.dilation ?? 1 });
    this.conv = this.registerModule('conv', options.relu ?? true ? new nn.Sequential(conv, new nn.ReLU()) : new nn.Sequential(conv));
  }

  forward(x: Tensor): Tensor {
    return this.conv.call(x);
  }
}

/** torchvision's ImageNet mean and std as [1,3,1,1]: every CPNet part registers them as buffers `mean` and `std`. */
export interface ImagenetBuffers {
  readonly mean: Tensor;
  readonly std: Tensor;
}

export function imagenetBuffers(module: AnyModule): ImagenetBuffers {
  return {
    mean: module.registerBuffer('mean', tensor([0.485, 0.456, 0.406], [1, 3, 1, 1])),
    std: module.registerBuffer('std', tensor([0.229, 0.224, 0.225], [1, 3, 1, 1])),
  };
}

/** What both encoders take: the frame [B,3,H,W] ImageNet-normalised, and a mask channel [B,1,H,W] after it. */
export function normalisedWithMask(frame: Tensor, maskChannel: Tensor, { mean, std }: ImagenetBuffers): Tensor {
  return cat([frame.sub(mean).div(std), maskChannel], 1);
}

/**
 * The four layers both encoders start with (`conv12`, `conv2`, `conv23`, `conv3`): to 1/4 of the
 * frame with 2 x width channels, registered on `module` under the official names.
 */
export function quarterLayers(module: AnyModule, width: number): CPNetConv[] {
  return [
    module.registerModule('conv12', new CPNetConv(4, width, 5, { stride: 2, padding: 2 })),
    module.registerModule('conv2', new CPNetConv(width, width, 3, { padding: 1 })),
    module.registerModule('conv23', new CPNetConv(width, 2 * width, 3, { stride: 2, padding: 1 })),
    module.registerModule('conv3', new CPNetConv(2 * width, 2 * width, 3, { padding: 1 })),
  ];
}

/** Layers run one after the other. */
export function runLayers(layers: readonly CPNetConv[], x: Tensor): Tensor {
  return layers.reduce((y, layer) => layer.call(y), x);
}
