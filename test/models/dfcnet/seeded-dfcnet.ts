/**
 * make_fixtures.py's `seeded`: a DFC-Net whose floating-point state is redrawn with
 * manualSeed(seed) randn in state-dict order, He-scaled convolutions and batch norm near
 * identity (`scaled`), the same stream python3-torch draws; in eval mode.
 */
import { DfcNet, type DfcNetConfig } from '../../../src/models/dfcnet/dfc-resnet.js';
import { manualSeed, noGrad, randn, tidy, type Tensor } from '../../../src/torch/index.js';

function scaled(name: string, draw: Tensor): Tensor {
  if (name.endsWith('running_var')) return draw.abs().mul(0.5).add(1);
  if (name.endsWith('running_mean') || name.endsWith('bias')) return draw.mul(0.1);
  if (draw.dim === 1) return draw.mul(0.1).add(1);
  const fanIn = draw.shape.slice(1).reduce((a, b) => a * b, 1);
  return draw.mul(Math.sqrt(2 / fanIn));
}

export function seededDfcNet(config: DfcNetConfig, seed: number): DfcNet {
  const net = new DfcNet(config);
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of net.stateDict()) {
      if (t.dtype !== 'float32') continue;
      tidy(() => void t.copy_(scaled(name, randn(t.shape))));
    }
  });
  return net.eval();
}

/** The pipeline fixture's network: [1, 1, 1, 1] blocks, the released model's head, seed 23. */
export const pipelineNet = (): DfcNet => seededDfcNet({ layers: [1, 1, 1, 1], inChannels: 33, outChannels: 2, head: 'single-scale' }, 23);
