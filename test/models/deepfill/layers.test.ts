/**
 * The TensorFlow-compatibility pieces and shapes of DeepFill v2's layers, with known values.
 */
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/core/errors.js';
import { DeepFillGenerator } from '../../../src/models/deepfill/generator.js';
import { SNPatchGANDiscriminator } from '../../../src/models/deepfill/discriminator.js';
import { GatedConv2d } from '../../../src/models/deepfill/gated-conv.js';
import { alignedNearestIndices, tfNearestDownsample } from '../../../src/models/deepfill/tf-nearest-downsample.js';
import { tfSamePads } from '../../../src/models/deepfill/tf-same-padding.js';
import { generatorWidth } from '../../../src/models/deepfill/releases.js';
import { noGrad, randn, tensor, tidy, zeros } from '../../../src/torch/index.js';
import { describeWithEngine, valuesOf } from '../../torch/engine.js';

describe('tfSamePads', () => {
  it('k=3 s=1 r=1 on 8x8 pads 1 each side', () => expect(tfSamePads(8, 8, 3, 1, 1)).toEqual([1, 1, 1, 1]));
  it('k=3 s=2 on 8x8 puts the one extra pixel after (TensorFlow)', () => expect(tfSamePads(8, 8, 3, 2, 1)).toEqual([0, 1, 0, 1]));
  it('k=4 s=2 on 6x10 pads (1, 1)', () => expect(tfSamePads(6, 10, 4, 2, 1)).toEqual([1, 1, 1, 1]));
  it('k=3 rate=16 on 4x4 pads 16 each side', () => expect(tfSamePads(4, 4, 3, 1, 16)).toEqual([16, 16, 16, 16]));
  it('k=5 s=2 on 1x1 pads (2, 2)', () => expect(tfSamePads(1, 1, 5, 2, 1)).toEqual([2, 2, 2, 2]));
});

describe('alignedNearestIndices (TensorFlow nearest, align_corners)', () => {
  it('64 -> 32 picks round(i * 63 / 31)', () => {
    expect(alignedNearestIndices(64, 32)).toEqual(Array.from({ length: 32 }, (_, i) => Math.floor((i * 63) / 31 + 0.5)));
  });
  it('8 -> 1 picks the first', () => expect(alignedNearestIndices(8, 1)).toEqual([0]));
  it('6 -> 3 picks 0, 3 (2.5 rounds up), 5', () => expect(alignedNearestIndices(6, 3)).toEqual([0, 3, 5]));
});

describeWithEngine('DeepFill v2 layers', () => {
  it('tfNearestDownsample picks exact values: 1x1x4x4 by 2 -> rows/cols 0 and 3', () => {
    const x = tensor(Float32Array.from({ length: 16 }, (_, i) => i), [1, 1, 4, 4]);
    expect(valuesOf(tfNearestDownsample(x, 2))).toEqual([0, 3, 12, 15]);
  });

  it('a gated layer with 3 outputs is a plain convolution (no gate channels)', () => {
    expect(new GatedConv2d(4, 3, 3).conv.weight.shape).toEqual([3, 4, 3, 3]);
    expect(new GatedConv2d(4, 6, 3).conv.weight.shape).toEqual([12, 4, 3, 3]);
  });

  it('generator cnum=4: 1x5x32x32 -> two 1x3x32x32 images in [-1, 1]', () => {
    const generator = new DeepFillGenerator({ cnum: 4 });
    const { coarse, refined, min, max } = tidy(() => noGrad(() => {
      const mask = zeros([1, 1, 32, 32]).add(tensor(Float32Array.from({ length: 32 }, (_, i) => (i >= 8 && i < 20 ? 1 : 0)), [1, 1, 1, 32]));
      const out = generator.call(randn([1, 5, 32, 32]), mask);
      return { coarse: out.coarse.shape, refined: out.refined.shape, min: out.refined.amin().item(), max: out.refined.amax().item() };
    }));
    expect(coarse).toEqual([1, 3, 32, 32]);
    expect(refined).toEqual([1, 3, 32, 32]);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(generatorWidth(generator.stateDict())).toBe(4);
    generator.dispose();
  });

  it('generator names follow the port (conv13_upsample.conv.conv.weight, pmconv6, no attention parameters)', () => {
    const names = [...new DeepFillGenerator({ cnum: 4 }).stateDict().keys()];
    expect(names).toContain('conv13_upsample.conv.conv.weight');
    expect(names).toContain('xconv10_atrous.conv.bias');
    expect(names).toContain('allconv17.conv.weight');
    expect(names.filter((n) => n.startsWith('contextual'))).toEqual([]);
    expect(names.length).toBe(2 * 42); // 17 + 10 + 8 + 7 gated layers, weight and bias each
  });

  it('discriminator cnum=2 on 2x4x64x64 gives 2 x (8*1*1) patch scores, names conv1..6.conv_sn.{weight,bias,weight_u}', () => {
    const discriminator = new SNPatchGANDiscriminator({ cnum: 2 });
    expect([...discriminator.stateDict().keys()].slice(0, 3)).toEqual(['conv1.conv_sn.weight', 'conv1.conv_sn.bias', 'conv1.conv_sn.weight_u']);
    expect(tidy(() => discriminator.call(randn([2, 4, 64, 64])).shape)).toEqual([2, 8]);
  });

  it('cnum that is not a multiple of 4 is refused naming the option', () => {
    expect(() => new DeepFillGenerator({ cnum: 6 })).toThrow(InvalidOptionError);
    expect(() => new DeepFillGenerator({ cnum: 6 })).toThrow(/cnum/);
  });

  it('a state dict that is not DeepFill v2 is refused, listing its keys', () => {
    expect(() => generatorWidth(new Map([['encoder.weight', zeros([1])]]))).toThrow(/conv1\.conv\.weight.*encoder\.weight/);
  });
});
