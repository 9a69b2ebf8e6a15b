/**
 * Partial convolutions (Liu et al. 2018) as a network method, with naoto0804's PConvUNet and
 * pipeline (pytorch-inpainting-with-partial-conv: test.py, places2.py, evaluation.py): the image
 * ImageNet-normalised, the mask 1 = valid on every image channel, the network's input the image
 * times the mask; the result is `mask * input + (1 - mask) * output`, unnormalised for display.
 * Sides multiples of 2^7 (128), 256 x 256 whole as naoto0804 trained. `--set scaling=nvidia` runs
 * the layers with NVIDIA's renormalisation, for weights trained that way (`inpaint train --set scaling=nvidia`).
 */
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import type { StateDict, Tensor } from '../../torch/index.js';
import type { NetworkDefinition } from '../common/network.js';
import type { WeightRelease } from '../../weights/release.js';
import { PARTIAL_CONV_SCALINGS } from './partial-conv.js';
import { PConvUNet } from './pconv-unet.js';
import { loadWeights } from '../common/load-weights.js';

/** naoto0804's checkpoints are torch.save({'n_iter', 'model', 'optimizer'}); `inpaint train` writes the network alone. */
const generator = { subNetwork: 'generator', keys: ['model'] } as const;

const naotoRelease: WeightRelease = {
  name: 'naoto0804',
  description: "naoto0804's PConvUNet trained on Places2 (500k iterations, then 500k fine-tuning with the encoder's batch norm frozen); quality not ensured by its author",
  publishedAt: 'https://github.com/naoto0804/pytorch-inpainting-with-partial-conv/releases/tag/v0.0.0',
  files: ['1000000.pth'],
  layout: { files: [{ ...generator, fileName: '1000000.pth' }] },
};

export interface PConvInputs {
  /** The image with the hole zeroed, [B,3,H,W]. */
  readonly image: Tensor;
  /** 1 = valid, one channel per image channel. */
  readonly mask: Tensor;
}

/** The network's shape read from a state dict: layers from the enc_N keys, width and channels from enc_1. */
export function pconvShape(stateDict: StateDict): { layerSize: number; width: number; inputChannels: number } {
  const first = stateDict.get('enc_1.conv.input_conv.weight');
  if (!first) {
    throw new InvalidInputError('weights', 'a PConvUNet state dict (with enc_1.conv.input_conv.weight)',
      `keys ${[...stateDict.keys()].slice(0, 5).join(', ')}${stateDict.size > 5 ? ', ...' : ''}`);
  }
  const encoders = new Set([...stateDict.keys()].map((key) => /^enc_(\d+)\./.exec(key)?.[1]).filter((n) => n !== undefined));
  return { layerSize: encoders.size, width: first.shape[0], inputChannels: first.shape[1] };
}

/** naoto0804's `Places2.__getitem__` and test pipeline: the image times its mask, the mask on every channel. */
export function pconvInput(pixels: Tensor, mask: Tensor): PConvInputs {
  const [batch, channels, height, width] = pixels.shape;
  const masks = mask.expand(batch, channels, height, width).contiguous();
  return { image: pixels.mul(masks), mask: masks };
}

/** evaluation.py's composite: the known pixels of the input, the network's output in the hole. */
export function composite({ image, mask }: PConvInputs, output: Tensor): Tensor {
  return mask.mul(image).add(mask.neg().add(1).mul(output));
}

const options = z.object({
  scaling: z.enum(PARTIAL_CONV_SCALINGS).default('naoto')
    .describe("Partial convolution renormalisation the weights were trained with: naoto0804's 1 / sum(M) (his 1000000.pth) or NVIDIA's window / sum(M)"),
});

export const pconv: NetworkDefinition<PConvUNet, PConvInputs, z.infer<typeof options>> = {
  id: 'pconv',
  paper: 'Liu, Reda, Shih, Wang, Tao, Catanzaro: Image Inpainting for Irregular Holes Using Partial Convolutions, ECCV 2018',
  summary: "Partial convolutions (Liu et al. 2018), naoto0804's PConvUNet: a U-Net of mask-renormalised convolutions; needs trained weights (--weights) and the libtorch engine",
  maskConvention: '1 = valid',
  valueRange: { kind: 'imagenet' },
  sizeGrid: 128,
  nativeSize: 256,
  largestSize: 512,
  // The U-Net sees the whole crop; give it as much context as the hole is large.
  contextMargin: (width, height) => Math.max(64, width, height),
  checkpoint: { files: [generator] },
  releases: [naotoRelease],
  trainable: true,
  options,
  load(stateDicts) {
    const stateDict = stateDicts.get('generator')!;
    const net = new PConvUNet(pconvShape(stateDict));
    loadWeights([net, stateDict]);
    return net.eval();
  },
  input: pconvInput,
  forward: (net, inputs, { scaling }) => composite(inputs, net.setScaling(scaling).call(inputs.image, inputs.mask)[0]),
  randomWeights: () => new Map([['generator', new PConvUNet({ width: 4 }).stateDict()]]),
};
