/**
 * GLCIC's context discriminator (paper, section 3.2): a global discriminator on the whole image
 * (six 5x5 stride-2 convolutions, 64 to 512 channels, then a 1024-unit fully connected layer) and
 * a local one on a patch half its side around the hole (five such convolutions, then 1024 units),
 * their outputs concatenated and mapped by a fully connected layer and a sigmoid to the probability
 * that the image is real. Every convolution is followed by batch normalisation and ReLU. The
 * official training code was never published; this follows the paper (layer names ours).
 */
import { InvalidOptionError } from '../../core/errors.js';
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';

/** Convolutions with BN and ReLU, halving the side each time, then a fully connected layer to 1024. */
class Branch extends nn.Module {
  readonly convs: nn.Sequential;
  readonly fc: nn.Linear;

  constructor(widths: readonly number[], side: number) {
    super();
    const layers: nn.Module[] = [];
    let channels = 3;
    for (const width of widths) {
      layers.push(new nn.Conv2d(channels, width, 5, { stride: 2, padding: 2 }), new nn.BatchNorm2d(width), new nn.ReLU());
      channels = width;
    }
    this.convs = this.registerModule('convs', new nn.Sequential(...layers));
    const out = side / 2 ** widths.length;
    this.fc = this.registerModule('fc', new nn.Linear(channels * out * out, 1024));
  }

  forward(x: Tensor): Tensor {
    const features = this.convs.call(x);
    return this.fc.call(features.reshape(features.shape[0], -1)).relu();
  }
}

export interface ContextDiscriminatorOptions {
  /** The whole image's side (the local patch is half of it); a multiple of 64. @default 256 */
  readonly size?: number;
  /** The first convolution's channels (the paper: 64; then 2x, 4x, 8x). @default 64 */
  readonly width?: number;
}

export class ContextDiscriminator extends nn.Module<[Tensor, Tensor]> {
  readonly size: number;
  readonly global: Branch;
  readonly local: Branch;
  readonly fc: nn.Linear;

  constructor(options: ContextDiscriminatorOptions = {}) {
    super();
    const size = options.size ?? 256;
    const c = options.width ?? 64;
    if (!Number.isInteger(size) || size < 64 || size % 64 !== 0) throw new InvalidOptionError('size', 'a multiple of 64 (six halvings)', size);
    this.size = size;
    this.global = this.registerModule('global', new Branch([c, 2 * c, 4 * c, 8 * c, 8 * c, 8 * c], size));
    this.local = this.registerModule('local', new Branch([c, 2 * c, 4 * c, 8 * c, 8 * c], size / 2));
    this.fc = this.registerModule('fc', new nn.Linear(2048, 1));
  }

  /** The probability that each image ([N,3,S,S]) with its patch around the hole ([N,3,S/2,S/2]) is real: [N,1]. */
  forward(image: Tensor, patch: Tensor): Tensor {
    new ShapeCheck('GLCIC context discriminator')
      .check('image', image, ['N', 3, this.size, this.size])
      .check('patch', patch, ['N', 3, this.size / 2, this.size / 2]);
    return this.fc.call(cat([this.global.call(image), this.local.call(patch)], 1)).sigmoid();
  }
}
