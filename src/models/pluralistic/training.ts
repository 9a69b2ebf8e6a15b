/**
 * Training Pluralistic as pluralistic_model.py trains it (`optimize_parameters`): the two-path
 * forward, then one update of both discriminators (net_D on generated, net_D_rec on
 * reconstructed images, LSGAN), then one update of encoder and generator together on the six
 * weighted terms of losses.ts; Adam with betas (0, 0.999) for both sides. The loop, data,
 * checkpoints and loss log are the shared ones (src/training/). The weights file holds encoder
 * and generator under `encoder.` and `generator.`, which `--weights` takes (network.ts).
 */
import { z } from 'zod';
import { Adam, nn, randn, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch } from '../../training/network-training.js';
import { ResDiscriminator } from './discriminator.js';
import { ResEncoder } from './encoder.js';
import { ResGenerator } from './generator.js';
import { discriminatorLoss, generatorLossTerms } from './losses.js';
import { twoPaths, type TwoPathsOutput } from './two-paths.js';

const options = z.object({
  size: z.number().int().min(96).multipleOf(32).default(256).describe('Crop size in pixels, a multiple of 32 (at least 96: the discriminator\'s last convolution)'),
  batch: z.number().int().min(1).default(8).describe('Crops per step (official: 8)'),
  lr: z.number().positive().default(1e-4).describe("Adam's learning rate, both sides (official: 1e-4)"),
  ngf: z.number().int().min(1).default(32).describe('Encoder and generator width (official: 32)'),
  zChannels: z.number().int().min(1).default(128).describe('Latent channels (official: 128)'),
  imgF: z.number().int().min(1).default(128).describe('Widest features (official: 128)'),
  ndf: z.number().int().min(1).default(32).describe('Discriminators\' width (official: 32)'),
});

/** Encoder and generator as one trained module: its state dict is the weights file. */
class EncoderGenerator extends nn.Module<[Tensor, Tensor], TwoPathsOutput> {
  readonly encoder: ResEncoder;
  readonly generator: ResGenerator;

  constructor(widths: { ngf: number; zChannels: number; imgF: number }) {
    super();
    this.encoder = this.registerModule('encoder', new ResEncoder(widths));
    this.generator = this.registerModule('generator', new ResGenerator(widths));
  }

  /** truth in [-1,1], mask 1 = valid; the codes' noise from libtorch's seeded generator. */
  forward(truth: Tensor, mask: Tensor): TwoPathsOutput {
    const [b, , h, w] = truth.shape;
    const shape = [b, this.encoder.zChannels, h / 32, w / 32];
    return twoPaths(this.encoder, this.generator, truth, mask, { posterior: randn(shape), prior: randn(shape) });
  }
}

/** net_D and net_D_rec, updated by one optimiser as the official code does; the pair's loss. */
class DiscriminatorPair extends nn.Module<[Tensor, TwoPathsOutput], Tensor> {
  readonly d: ResDiscriminator;
  readonly dRec: ResDiscriminator;

  constructor(widths: { ndf: number; imgF: number }) {
    super();
    this.d = this.registerModule('D', new ResDiscriminator(widths));
    this.dRec = this.registerModule('D_rec', new ResDiscriminator(widths));
  }

  forward(truth: Tensor, out: TwoPathsOutput): Tensor {
    const last = out.generated.length - 1;
    return discriminatorLoss((x) => this.d.call(x), truth, out.generated[last])
      .add(discriminatorLoss((x) => this.dRec.call(x), truth, out.reconstructed[last]));
  }
}

interface PluralisticPrediction {
  readonly truth: Tensor;
  /** 1 = valid. */
  readonly valid: Tensor;
  readonly out: TwoPathsOutput;
}

export const pluralisticTraining: NetworkTraining<typeof options> = {
  id: 'pluralistic',
  options,
  lossTerms: [
    { name: 'img_d', label: 'discriminators, LSGAN (D + D_rec)' },
    { name: 'kl_rec', label: 'KL(hole prior || posterior)' },
    { name: 'kl_g', label: 'KL(posterior || prior)' },
    { name: 'app_rec', label: 'L1 reconstruction, 4 scales' },
    { name: 'app_g', label: 'L1 generation on visible pixels, 4 scales' },
    { name: 'ad_g', label: 'LSGAN generator' },
    { name: 'ad_rec', label: 'D_rec output matching' },
    { name: 'g_loss', label: 'encoder + generator total' },
  ],
  fixedOnResume: ['ngf', 'zChannels', 'imgF', 'ndf'],
  create: ({ lr, ngf, zChannels, imgF, ndf }) => {
    const networks = new EncoderGenerator({ ngf, zChannels, imgF });
    const discriminators = new DiscriminatorPair({ ndf, imgF });
    const adam = { lr, betas: [0, 0.999] as const };
    return {
      generator: { module: networks, optimizer: new Adam(networks.parameters(), adam), metadata: { model: 'pluralistic' } },
      discriminator: { module: discriminators, optimizer: new Adam(discriminators.parameters(), adam) },
      predict: ({ image, mask }: TrainingBatch): PluralisticPrediction => {
        const truth = image.mul(2).sub(1);
        const valid = mask.neg().add(1);
        return { truth, valid, out: networks.call(truth, valid) };
      },
      discriminatorStep: (_batch: TrainingBatch, { truth, out }: PluralisticPrediction) => {
        const loss = discriminators.call(truth, out);
        return { total: loss, terms: { img_d: loss } };
      },
      generatorStep: (_batch: TrainingBatch, { truth, valid, out }: PluralisticPrediction) => {
        const terms = generatorLossTerms(out, truth, valid, (x) => discriminators.d.call(x), (x) => discriminators.dRec.call(x));
        const total = Object.values(terms).reduce((a, b) => a.add(b));
        return { total, terms: { ...terms, g_loss: total } };
      },
    };
  },
};
