/**
 * What both CSA U-Nets share: a block's layers sit in one `model` Sequential (the official
 * `self.model = nn.Sequential(*model)`, so keys read `model.1.weight`), and every block but the
 * outermost returns its output concatenated with its input. (The official blocks start with an
 * in-place LeakyReLU, so their skip carries LeakyReLU(x); the ReLU every parent applies to the
 * concatenation first makes that the same as x, in value and in gradient.)
 */
import { cat, nn, type Tensor } from '../../torch/index.js';

export abstract class UnetBlock extends nn.Module {
  abstract readonly model: nn.Sequential;
  abstract readonly outermost: boolean;

  forward(x: Tensor): Tensor {
    const y = this.model.call(x);
    return this.outermost ? y : cat([y, x], 1);
  }
}

/** InstanceNorm2d(affine=True): the official `norm='instance'` everywhere. */
export function instanceNorm(channels: number): nn.InstanceNorm2d {
  return new nn.InstanceNorm2d(channels, { affine: true });
}
