/**
 * Pluralistic Image Completion as a network method: its description (what the official code
 * expects) and the functions only it knows. Mask, value range and sizes follow the official
 * test pipeline (pluralistic_model.py `test`, dataloader): pixels in [-1,1], mask 1 = valid,
 * sides multiples of 32 (five halvings), 256 x 256 images in one pass. The release is a folder of
 * the official files `latest_net_E.pth` and `latest_net_G.pth` (saved from DataParallel: the
 * `module.` prefix is dropped on reading); the discriminators' files may sit beside them. A
 * single file is what `inpaint train` writes: both networks, under `encoder.` and `generator.`.
 */
import { z } from 'zod';
import type { NetworkDefinition } from '../common/network.js';
import { manualSeed, type Tensor } from '../../torch/index.js';
import { singleFileLayout, type CheckpointLayout, type WeightRelease } from '../../weights/release.js';
import { complete, completionInputs, type CompletionInputs } from './completion.js';
import { PluralisticNetworks } from './networks.js';
import { encoderWidths } from './widths.js';

/** An official release: a folder of the two files. */
const releaseLayout: CheckpointLayout = {
  files: [
    { subNetwork: 'encoder', fileName: 'latest_net_E.pth' },
    { subNetwork: 'generator', fileName: 'latest_net_G.pth' },
  ],
};

/** The sub-network name of a file from `inpaint train`: encoder and generator in one state dict. */
const TRAINED = 'trained';

const options = z.object({
  noise: z.enum(['sample', 'mean']).default('sample')
    .describe('The latent code: a sample of the prior, as the official test does (sample), or the prior\'s mean, deterministic (mean)'),
  seed: z.number().int().min(0).default(0).describe('Seed of the sampled latent codes'),
  samples: z.number().int().min(1).max(100).default(1).describe('How many different completions to make (inpaint image writes OUT-1.png ...)'),
});

export type PluralisticOptions = z.infer<typeof options>;

/** An official release: a folder from the authors' Google Drive. */
function officialRelease(name: string, dataset: string): WeightRelease {
  return {
    name,
    description: `official Pluralistic weights trained on ${dataset}`,
    publishedAt: 'https://github.com/lyndonzheng/Pluralistic-Inpainting (README, "Pretrained Models")',
    files: ['latest_net_E.pth', 'latest_net_G.pth'],
    layout: releaseLayout,
  };
}

export const pluralistic: NetworkDefinition<PluralisticNetworks, CompletionInputs, PluralisticOptions> = {
  id: 'pluralistic',
  paper: 'Zheng, Cham, Cai: Pluralistic Image Completion, CVPR 2019',
  summary: 'Pluralistic (Zheng et al. 2019): a latent prior and short+long term attention, several different completions (--set samples=N); needs trained weights (--weights) and the libtorch engine',
  maskConvention: '1 = valid',
  valueRange: { kind: '[-1,1]' },
  sizeGrid: 32,
  nativeSize: 256,
  // The attention compares every pair of 1/8-scale positions: 512 px sides make 4096 x 4096 scores.
  largestSize: 512,
  contextMargin: (width, height) => Math.max(64, width, height),
  checkpoint: singleFileLayout(TRAINED),
  releases: [
    officialRelease('celeba-center', 'CelebA-HQ, centre masks'),
    officialRelease('paris-center', 'Paris StreetView, centre masks'),
    officialRelease('places2-center', 'Places2, centre masks'),
    officialRelease('imagenet-center', 'ImageNet, centre masks'),
    officialRelease('celeba-random', 'CelebA-HQ, random masks'),
    officialRelease('paris-random', 'Paris StreetView, random masks'),
    officialRelease('places2-random', 'Places2, random masks'),
    officialRelease('imagenet-random', 'ImageNet, random masks'),
  ],
  trainable: true,
  options,
  load(stateDicts) {
    const trained = stateDicts.get(TRAINED);
    if (trained) return PluralisticNetworks.withTrainedWeights(trained);
    const encoder = stateDicts.get('encoder')!;
    return PluralisticNetworks.withWeights(encoderWidths(encoder), encoder, stateDicts.get('generator')!);
  },
  input: (pixels, mask) => completionInputs(pixels, mask),
  // One fill: the first sample, the same whatever `samples` says.
  forward: (net, inputs, options) => completions(net, inputs, { ...options, samples: 1 })[0],
  forwardSeveral: completions,
  randomWeights: () => new Map([[TRAINED, PluralisticNetworks.random({ ngf: 4, zChannels: 8, imgF: 16 }).stateDict()]]),
};


/** Every completion the options ask for, from the state the weights were loaded with. */
export function completions(net: PluralisticNetworks, inputs: CompletionInputs, options: PluralisticOptions): Tensor[] {
  net.restoreLoadedState();
  manualSeed(options.seed);
  return complete(net.encoder, net.generator, inputs, options.samples, options.noise);
}

