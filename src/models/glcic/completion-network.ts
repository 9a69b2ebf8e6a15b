/**
 * The GLCIC completion network (Iizuka, Simo-Serra, Ishikawa 2017, Table 1): an encoder that halves
 * twice, four dilated 3x3 convolutions (dilation 2, 4, 8, 16), a decoder of two transposed
 * convolutions, every layer but the last convolution followed by batch normalisation and ReLU,
 * and a sigmoid. It takes [N,4,H,W] (the image in [0,1] minus the dataset mean with the hole set to
 * 0, and the mask, 1 = hole) and gives the image in [0,1]; H and W multiples of 4.
 *
 * The layers sit in one flat Sequential `model` in the order of the official Torch7 model
 * (`completionnet_places2.t7` holds `{model = ..., mean = ...}`: Convolution, BatchNormalization,
 * ReLU per block, then Convolution, Sigmoid), and the dataset mean is the buffer `mean`, so the state
 * dict names follow the file: `model.0.weight`, `model.1.running_var`, ..., `model.48.bias`, `mean`.
 */
import { InvalidOptionError } from '../../core/errors.js';
import { cat, nn, tensor, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';

export interface CompletionNetworkOptions {
  /** The first block's channels; the official network has 64 (then 128, 256, and 32 before the output). An even number. @default 64 */
  width?: number;
}

/** One block: kind, output channels as a multiple of the width, kernel, stride, dilation. */
interface Block {
  readonly kind: 'conv' | 'deconv';
  readonly channels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
}

const conv = (channels: number, kernel = 3, stride = 1, dilation = 1): Block => ({ kind: 'conv', channels, kernel, stride, dilation });
const deconv = (channels: number): Block => ({ kind: 'deconv', channels, kernel: 4, stride: 2, dilation: 1 });

/** The 16 conv-BN-ReLU blocks of the paper's Table 1 (channels in units of the width). */
const BLOCKS: readonly Block[] = [
  conv(1, 5),
  conv(2, 3, 2), conv(2),
  conv(4, 3, 2), conv(4), conv(4),
  conv(4, 3, 1, 2), conv(4, 3, 1, 4), conv(4, 3, 1, 8), conv(4, 3, 1, 16),
  conv(4), conv(4),
  deconv(2), conv(2),
  deconv(1), conv(0.5),
];

export class CompletionNetwork extends nn.Module<[Tensor, Tensor]> {
  readonly width: number;
  readonly model: nn.Sequential;
  /** The per-channel dataset mean (RGB, [0,1]) subtracted from the input, as the release stores it. */
  readonly mean: Tensor;

  constructor(options: CompletionNetworkOptions = {}) {
    super();
    const width = options.width ?? 64;
    if (!Number.isInteger(width) || width < 2 || width % 2 !== 0) throw new InvalidOptionError('width', 'an even number, at least 2', width);
    this.width = width;
    const layers: nn.Module[] = [];
    let channels = 4;
    for (const block of BLOCKS) {
      const out = block.channels * width;
      const padding = block.kind === 'deconv' ? 1 : (block.dilation * (block.kernel - 1)) / 2;
      layers.push(
        block.kind === 'deconv'
          ? new nn.ConvTranspose2d(channels, out, block.kernel, { stride: block.stride, padding })
          : new nn.Conv2d(channels, out, block.kernel, { stride: block.stride, padding, dilation: block.dilation }),
        new nn.BatchNorm2d(out),
        new nn.ReLU(),
      );
      channels = out;
    }
    layers.push(new nn.Conv2d(channels, 3, 3, { padding: 1 }), new nn.Sigmoid());
    this.model = this.registerModule('model', new nn.Sequential(...layers));
    this.mean = this.registerBuffer('mean', tensor([0.5, 0.5, 0.5]));
  }

  /** The network's input as the official test script builds it: (image - mean) with the hole 0, and the mask. */
  input(pixels: Tensor, hole: Tensor): Tensor {
    const centred = pixels.sub(this.mean.reshape(1, 3, 1, 1)).mul(hole.neg().add(1));
    return cat([centred, hole.expand(pixels.shape[0], 1, pixels.shape[2], pixels.shape[3])], 1);
  }

  /** The completed image in [0,1] from the image ([N,3,H,W] in [0,1]) and the mask ([N or 1,1,H,W], 1 = hole). */
  forward(pixels: Tensor, hole: Tensor): Tensor {
    new ShapeCheck('GLCIC completion network')
      .check('pixels', pixels, ['B', 3, 'H', 'W'])
      .check('mask', hole, ['B|1', 1, 'H', 'W'])
      .multipleOf(['H', 'W'], 4);
    return this.model.call(this.input(pixels, hole));
  }
}
