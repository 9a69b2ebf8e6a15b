/**
 * `ResEncoder` (net_E, model/network.py) as pluralistic_model.py builds it: layers=5, L=6,
 * no normalisation, LeakyReLU(0.1). Five residual blocks halve the side five times; six more
 * refine the features of the visible image (infer_prior0..5) before `prior` gives the latent
 * Gaussian's mean and, through softplus, its standard deviation. `posterior` does the same for the
 * hole's content: the reconstructive path, used only in training.
 */
import { cat, nn, type Tensor } from '../../torch/index.js';
import { ResBlock, ResBlockEncoderOptimized } from './blocks.js';
import { softplus } from './softplus.js';
import type { PluralisticWidths } from './widths.js';

const LAYERS = 5;
const REFINEMENTS = 6;

export interface Gaussian {
  readonly mu: Tensor;
  readonly sigma: Tensor;
}

export interface EncoderOutput {
  /** The prior p(z | visible pixels), from the generative path. */
  readonly prior: Gaussian;
  /** The posterior q(z | hole's pixels), from the reconstructive path: only with a complement. */
  readonly posterior?: Gaussian;
  /** Each block's output, sides 1/2 .. 1/32; [2] feeds the attention, [4] the generator. */
  readonly features: Tensor[];
}

export class ResEncoder extends nn.Module<[Tensor, Tensor?], EncoderOutput> {
  readonly zChannels: number;
  readonly #blocks: nn.Module[] = [];
  readonly #refinements: ResBlock[] = [];
  readonly posterior: ResBlock;
  readonly prior: ResBlock;

  constructor(widths: PluralisticWidths) {
    super();
    const { ngf, zChannels, imgF } = widths;
    this.zChannels = zChannels;
    const activation = new nn.LeakyReLU(0.1);
    this.#blocks.push(this.registerModule('block0', new ResBlockEncoderOptimized(3, ngf, activation)));
    let mult = 1;
    for (let i = 0; i < LAYERS - 1; i++) {
      const previous = mult;
      mult = Math.min(2 ** (i + 1), Math.floor(imgF / ngf));
      this.#blocks.push(this.registerModule(`encoder${i}`, new ResBlock(ngf * previous, ngf * mult, ngf * previous, null, activation, 'down')));
    }
    const width = ngf * mult;
    for (let i = 0; i < REFINEMENTS; i++) {
      this.#refinements.push(this.registerModule(`infer_prior${i}`, new ResBlock(width, width, width, null, activation, 'none')));
    }
    this.posterior = this.registerModule('posterior', new ResBlock(width, 2 * zChannels, width, null, activation, 'none'));
    this.prior = this.registerModule('prior', new ResBlock(width, 2 * zChannels, width, null, activation, 'none'));
  }

  /** visible: the image times the mask, [-1,1]; complement: the image times (1 - mask), in training. */
  forward(visible: Tensor, complement?: Tensor): EncoderOutput {
    let out = complement ? cat([visible, complement], 0) : visible;
    const features: Tensor[] = [];
    for (const block of this.#blocks) {
      out = block.call(out);
      features.push(out);
    }
    if (!complement) return { prior: this.#priorOf(out), features };
    const [forVisible, forComplement] = out.split(out.shape[0] / 2, 0);
    const posterior = this.#gaussian(this.posterior.call(forComplement));
    return { prior: this.#priorOf(forVisible), posterior, features };
  }

  #priorOf(features: Tensor): Gaussian {
    const refined = this.#refinements.reduce((f, block) => block.call(f), features);
    return this.#gaussian(this.prior.call(refined));
  }

  #gaussian(out: Tensor): Gaussian {
    const [mu, sigma] = out.split(this.zChannels, 1);
    return { mu, sigma: softplus(sigma) };
  }
}
