/**
 * PartialConv2d as NVIDIA's (modules/partialconv2d.py), on cases worked by hand: weights all 1 and
 * bias 0.5 over an input of ones, so a window's raw sum is its count of valid inputs and the output
 * is window size + bias wherever the window saw one. Without a mask, the last mask's ratio is
 * reused while the size stays, as NVIDIA's caches it; at a new size an all-valid mask is assumed.
 */
import { expect, it } from 'vitest';
import { PartialConv2d } from '../../../src/models/prvs/partial-conv.js';
import { noGrad, ones, tensor, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

function layer(): PartialConv2d {
  const conv = new PartialConv2d(2, 1, 3, { padding: 1 });
  noGrad(() => {
    conv.weight.copy_(ones([1, 2, 3, 3]));
    conv.bias!.copy_(tensor(new Float32Array([0.5]), [1]));
  });
  return conv;
}

const values = (t: Tensor): number[] => Array.from(t.toArray() as Float32Array);

describeWithEngine('PartialConv2d (NVIDIA, multi-channel)', () => {
  it('rescales by window / valid count, adds the bias back, zero where nothing was valid', () => {
    const conv = layer();
    // 1x2x1x5: both channels valid at x = 0 only.
    const mask = tensor(new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]), [1, 2, 1, 5]);
    const { output, mask: updated } = noGrad(() => conv.call(ones([1, 2, 1, 5]), mask));
    // Window 2 x 3 x 3 = 18; x = 0 and 1 see the valid column (count 2): 2 * 18 / 2 + 0.5.
    expect(values(output)).toEqual([18.5, 18.5, 0, 0, 0]);
    expect(values(updated)).toEqual([1, 1, 0, 0, 0]);
    conv.dispose();
  });

  it('a call without a mask reuses the cached ratio at the same size, and assumes all valid at a new size', () => {
    const conv = layer();
    const mask = tensor(new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]), [1, 2, 1, 5]);
    noGrad(() => conv.call(ones([1, 2, 1, 5]), mask));
    // Same size, no mask: the unmasked input (raw sums 4, 6, 6, 6, 4 with zero padding) times the
    // cached ratio (18 / 2 at x = 0, 1; 0 elsewhere).
    const cached = noGrad(() => conv.call(ones([1, 2, 1, 5])));
    expect(values(cached.output)).toEqual([4 * 9 + 0.5, 6 * 9 + 0.5, 0, 0, 0]);
    // New size, no mask: all valid, so the zero padding is rescaled (18 / 4 at the ends, 18 / 6 inside).
    const fresh = noGrad(() => conv.call(ones([1, 2, 1, 4])));
    expect(values(fresh.output)).toEqual([18.5, 18.5, 18.5, 18.5]);
    expect(values(fresh.mask)).toEqual([1, 1, 1, 1]);
    conv.dispose();
  });
});
