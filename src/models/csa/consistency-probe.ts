/**
 * `InnerCos` / `InnerCos2`: layers that pass their input through and, in training, keep its first
 * `channels` channels for the consistency loss (the official layers compute the loss right there,
 * against VGG16 relu4_3 of the ground truth set beforehand).
 */
import { nn, type Tensor } from '../../torch/index.js';

export class ConsistencyProbe extends nn.Module {
  /** The last training forward's features, [B, channels, H, W]. */
  features: Tensor | null = null;

  constructor(readonly channels: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    this.features = this.training ? x.narrow(1, 0, this.channels) : null;
    return x;
  }
}
