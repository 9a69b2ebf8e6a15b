/**
 * The seeded weights test/fixtures/models/cpnet/official_cpu.py `seeded` draws, drawn again through
 * our engine in state-dict order (libtorch's generator gives python3-torch's stream).
 */
import { CPNet } from '../../../src/models/cpnet/cpnet.js';
import { manualSeed, noGrad, randn, tensor, tidy } from '../../../src/torch/index.js';

const constants = new Set(['mean', 'std', 'mean3d']);
const outputLayer = 'Decoder.conv21.';
const outputGain = 10;

export function seededCPNet(seed: number): CPNet {
  const net = new CPNet();
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of net.stateDict()) {
      if (constants.has(name.split('.').at(-1)!)) continue;
      tidy(() => {
        const draw = randn(t.shape);
        const fanIn = t.shape.slice(1).reduce((a, b) => a * b, 1);
        if (name.endsWith('fc.weight')) t.copy_(draw.mul(0.02));
        else if (name.endsWith('fc.bias')) t.copy_(tensor([1, 0, 0, 0, 1, 0]).add(draw.mul(0.05)));
        else if (t.dim > 1) t.copy_(draw.mul((name.startsWith(outputLayer) ? outputGain : 1) * Math.sqrt(2 / fanIn)));
        else t.copy_(draw.mul(0.01));
      });
    }
  });
  return net.eval();
}
