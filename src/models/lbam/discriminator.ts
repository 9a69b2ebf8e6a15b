/**
 * LBAM's two-column discriminator (official models/discriminator.py `DiscriminatorDoubleColumn`):
 * a global column on the known region (x * mask) and a local column on the hole (x * (1 - mask)),
 * each six 4x4 stride-2 convolutions (with bias; batch norm after all but the first; leaky ReLU
 * 0.2), their features concatenated and fused by a 4x4 convolution and a sigmoid: one score per
 * image. Six halvings and a 4x4 valid convolution: the input must be 256x256. `width` is the
 * first convolution's channels (official 64: 64, 128, 256, 512, 512, 512); names are the official
 * ones (`globalConv.0.weight`, `globalConv.3.running_mean`, `fusionLayer.0.weight`).
 */
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ShapeCheck } from '../common/check-shape.js';

function column(width: number): nn.Sequential {
  const channels = [width, 2 * width, 4 * width, 8 * width, 8 * width, 8 * width];
  const layers: nn.Module[] = [];
  channels.forEach((out, i) => {
    layers.push(new nn.Conv2d(i === 0 ? 3 : channels[i - 1], out, 4, { stride: 2, padding: 1 }));
    if (i > 0) layers.push(new nn.BatchNorm2d(out));
    layers.push(new nn.LeakyReLU(0.2));
  });
  return new nn.Sequential(...layers);
}

export class DiscriminatorDoubleColumn extends nn.Module<[Tensor, Tensor]> {
  readonly globalConv: nn.Sequential;
  readonly localConv: nn.Sequential;
  readonly fusionLayer: nn.Sequential;

  constructor(options: { width?: number } = {}) {
    super();
    const width = options.width ?? 64;
    this.globalConv = this.registerModule('globalConv', column(width));
    this.localConv = this.registerModule('localConv', column(width));
    this.fusionLayer = this.registerModule('fusionLayer', new nn.Sequential(new nn.Conv2d(16 * width, 1, 4), new nn.Sigmoid()));
  }

  /** images [B,3,256,256] in [0, 1]; masks [B,3|1,256,256], 1 = valid. Returns [B, 1]. */
  forward(images: Tensor, masks: Tensor): Tensor {
    new ShapeCheck('DiscriminatorDoubleColumn')
      .check('images', images, ['B', 3, 256, 256])
      .check('masks', masks, ['B', '3|1', 256, 256]);
    const known = this.globalConv.call(images.mul(masks));
    const hole = this.localConv.call(images.mul(masks.neg().add(1)));
    return this.fusionLayer.call(cat([known, hole], 1)).reshape(images.shape[0], -1);
  }
}
