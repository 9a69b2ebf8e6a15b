/**
 * The rough network netP: networks.py's `UnetGenerator` (pix2pix "unet_256", 3 -> 3, eight
 * 4x4 stride-2 halvings, Tanh output) built from `UnetSkipConnectionBlock`s, with the official
 * nesting (`model.model.1.model.3.weight`).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { instanceNorm, UnetBlock } from './unet-block.js';

type Position = 'outermost' | 'middle' | 'innermost';

/** `UnetSkipConnectionBlock`: down 4x4/2, the submodule, up 4x4/2 (ConvTranspose). */
export class Pix2pixBlock extends UnetBlock {
  readonly model: nn.Sequential;
  readonly outermost: boolean;

  constructor(outerChannels: number, innerChannels: number, position: Position, submodule: nn.Module | null, inputChannels = outerChannels) {
    super();
    this.outermost = position === 'outermost';
    const downconv = new nn.Conv2d(inputChannels, innerChannels, 4, { stride: 2, padding: 1 });
    const up = (inChannels: number) => new nn.ConvTranspose2d(inChannels, outerChannels, 4, { stride: 2, padding: 1 });
    const layers = position === 'outermost'
      ? [downconv, submodule!, new nn.ReLU(), up(innerChannels * 2), new nn.Tanh()]
      : position === 'innermost'
        ? [new nn.LeakyReLU(0.2), downconv, new nn.ReLU(), up(innerChannels), instanceNorm(outerChannels)]
        : [new nn.LeakyReLU(0.2), downconv, instanceNorm(innerChannels), submodule!, new nn.ReLU(), up(innerChannels * 2), instanceNorm(outerChannels)];
    this.model = this.registerModule('model', new nn.Sequential(...layers));
  }
}

/** `UnetGenerator(3, 3, 8, ngf)`: the official netP. */
export class Pix2pixUnet extends nn.Module {
  readonly model: Pix2pixBlock;

  constructor(ngf: number) {
    super();
    let block = new Pix2pixBlock(ngf * 8, ngf * 8, 'innermost', null);
    for (let i = 0; i < 3; i++) block = new Pix2pixBlock(ngf * 8, ngf * 8, 'middle', block);
    block = new Pix2pixBlock(ngf * 4, ngf * 8, 'middle', block);
    block = new Pix2pixBlock(ngf * 2, ngf * 4, 'middle', block);
    block = new Pix2pixBlock(ngf, ngf * 2, 'middle', block);
    this.model = this.registerModule('model', new Pix2pixBlock(3, ngf, 'outermost', block, 3));
  }

  forward(x: Tensor): Tensor {
    return this.model.call(x);
  }
}
