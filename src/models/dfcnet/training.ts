/**
 * Training DFC-Net's stage 1 as tools/train_initial.py does, through the shared loop on clips:
 * per step, the flow stacks of the batch's clips (clip-flow-stacks.ts), the network's flow, the
 * official loss (L1 over the hole + 2 x the hard-example L1, losses.ts) and SGD (lr 1e-4, the head
 * `layer5` at 10x, momentum 0.9, weight decay 4e-5) over the convolutions; batch norm stays frozen
 * (running statistics, and its weights out of the optimiser, as the official `train(freezeBn=True)`).
 *
 * Two departures, both forced: the official starts from ImageNet ResNet weights (conv1 averaged over
 * the 33 channels), not on this machine, so every convolution starts from the official init alone
 * (normal, std 0.01); and the official parameter groups list each parameter 1 to 4 times
 * (runner_func.py walks `modules()` and takes each one's recursive `parameters()`), so PyTorch
 * applies its update that many times per step: here each parameter is updated once.
 */
import { z } from 'zod';
import { nn, noGrad, randn, SGD, tidy, type Tensor } from '../../torch/index.js';
import type { NetworkTraining, TrainingBatch, TrainingSession } from '../../training/network-training.js';
import { clipFlowStacks, framesPerStack, type FlowStackBatch } from './clip-flow-stacks.js';
import { DfcNet, type DfcNetConfig } from './dfc-resnet.js';
import { flowCompletionLoss } from './losses.js';

const options = z.object({
  size: z.number().int().min(32).multipleOf(16).default(128).describe('Clip frame size in pixels; flows are estimated at this size and the network sees half of it'),
  batch: z.number().int().min(1).default(4).describe('Clips per step (official: 32)'),
  frames: z.number().int().min(framesPerStack).default(framesPerStack).describe('Frames per clip: 12 give the 11 forward flows of one stack'),
  lr: z.number().positive().default(1e-4).describe("SGD's learning rate (the head's is 10x)"),
  blocks: z.string().regex(/^\d+,\d+,\d+,\d+$/).default('3,4,23,3')
    .describe('Bottleneck blocks of layer1-4: 3,4,23,3 is ResNet-101 (the released model), 3,4,6,3 ResNet-50; 1,1,1,1 trains on 2 cores'),
  head: z.enum(['single-scale', 'multi-scale']).default('single-scale')
    .describe("The released ResNet-101's head (single-scale) or train_initial.py's Flow_Branch_Multi head (multi-scale)"),
});

type DfcTrainingOptions = z.infer<typeof options>;

const momentum = 0.9;
const weightDecay = 4e-5;
const headLrFactor = 10;

export const dfcNetTraining: NetworkTraining<typeof options> = {
  id: 'dfcnet',
  data: 'clips',
  options,
  lossTerms: [
    { name: 'recon', label: 'L1 over the hole (L1_mask)' },
    { name: 'hard', label: 'hard-example L1 (L1_mask_hard_mining)' },
    { name: 'total', label: 'total (L1 + 2 x hard)' },
  ],
  fixedOnResume: ['blocks', 'head'],
  create: (settings: DfcTrainingOptions) => {
    const net = new DfcNet(networkConfig(settings));
    initialise(net);
    return dfcTrainingSession(net, settings.lr, (batch) => clipFlowStacks(batch.image, batch.mask));
  },
};

export function networkConfig({ blocks, head }: Pick<DfcTrainingOptions, 'blocks' | 'head'>): DfcNetConfig {
  return { layers: blocks.split(',').map(Number) as unknown as DfcNetConfig['layers'], inChannels: 33, outChannels: 2, head };
}

/**
 * The session around a network: `stacks` turns a batch into the network's input, target and hole
 * (the clips' flows; a test gives fixed ones). Batch norm is frozen here.
 */
export function dfcTrainingSession(net: DfcNet, lr: number, stacks: (batch: TrainingBatch) => FlowStackBatch): TrainingSession<{ flow: Tensor; stack: FlowStackBatch }> {
  for (const [, module] of net.namedModules()) {
    if (module instanceof nn.BatchNorm2d) for (const parameter of module.parameters()) parameter.requiresGrad_(false);
  }
  const trainable = (module: nn.Module<any[], unknown>) => module.parameters().filter((p) => p.requiresGrad);
  const optimizer = new SGD([
    { params: [net.conv1, net.layer1, net.layer2, net.layer3, net.layer4].flatMap(trainable), lr },
    { params: trainable(net.layer5), lr: headLrFactor * lr },
  ], { lr, momentum, weightDecay });
  return {
    generator: { module: net, optimizer, metadata: { model: 'dfcnet', blocks: net.config.layers.join(','), head: net.config.head } },
    predict: (batch) => {
      const stack = stacks(batch);
      return { flow: net.call(stack.input), stack };
    },
    generatorStep: (_, { flow, stack }) => {
      const { total, reconstruction, hardMining } = flowCompletionLoss(flow, stack.target, stack.hole);
      return { total, terms: { recon: reconstruction, hard: hardMining, total } };
    },
  };
}

/**
 * The official init: every convolution's weight normal with std 0.01, drawn from libtorch's seeded
 * generator (biases keep PyTorch's default init, as there). He's init, tried instead, diverges:
 * with batch norm frozen at identity nothing keeps the residual sums in scale.
 */
function initialise(net: DfcNet): void {
  noGrad(() => {
    for (const [, module] of net.namedModules()) {
      if (module instanceof nn.Conv2d) tidy(() => void module.weight.copy_(randn(module.weight.shape).mul(0.01)));
    }
  });
}
