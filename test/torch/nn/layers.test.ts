/** Layer construction: PyTorch's shapes and default initialisation, options validated, spectral norm's modes. */
import { expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../../src/core/errors.js';
import { manualSeed, nn, randn, tensor, tidy } from '../../../src/torch/index.js';
import { describeWithEngine, valuesOf } from '../engine.js';

describeWithEngine('nn layers', () => {
  it('Conv2d(4,6,(3,5),groups=2) has weight [6,2,3,5] and bias [6] within 1/sqrt(fanIn=30)', () => {
    const conv = new nn.Conv2d(4, 6, [3, 5], { groups: 2 });
    expect(conv.weight.shape).toEqual([6, 2, 3, 5]);
    expect(conv.bias!.shape).toEqual([6]);
    const bound = 1 / Math.sqrt(30);
    for (const value of [...valuesOf(conv.weight), ...valuesOf(conv.bias!)]) expect(Math.abs(value)).toBeLessThanOrEqual(bound);
    // Uniform over the whole range, not squeezed near zero.
    expect(Math.max(...valuesOf(conv.weight).map(Math.abs))).toBeGreaterThan(bound * 0.8);
    conv.dispose();
  });

  it('ConvTranspose2d(4,6,3,groups=2) has weight [4,3,3,3]; Conv3d(2,3,(1,3,3)) has [3,2,1,3,3]; Linear(5,3) has [3,5]', () => {
    const layers = [new nn.ConvTranspose2d(4, 6, 3, { groups: 2 }), new nn.Conv3d(2, 3, [1, 3, 3]), new nn.Linear(5, 3)];
    expect(layers.map((layer) => layer.weight.shape)).toEqual([[4, 3, 3, 3], [3, 2, 1, 3, 3], [3, 5]]);
    for (const layer of layers) layer.dispose();
  });

  it('manualSeed makes the default initialisation reproducible', () => {
    manualSeed(7);
    const a = new nn.Conv2d(3, 4, 3);
    manualSeed(7);
    const b = new nn.Conv2d(3, 4, 3);
    expect(valuesOf(a.weight)).toEqual(valuesOf(b.weight));
    expect(valuesOf(a.bias!)).toEqual(valuesOf(b.bias!));
    a.dispose();
    b.dispose();
  });

  it('MaxPool2d(2, stride 2) keeps the largest of each 2x2 block and holds no tensors', () => {
    const pool = new nn.MaxPool2d(2, { stride: 2 });
    expect(pool.stateDict().size).toBe(0);
    const values = tidy(() => valuesOf(pool.call(tensor([1, 5, 2, 0, 3, 4, 8, 7, 0, 0, 1, 1, 9, 0, 1, 2], [1, 1, 4, 4]))));
    expect(values).toEqual([5, 8, 9, 2]);
  });

  it('bias false registers no bias', () => {
    const conv = new nn.Conv2d(2, 2, 1, { bias: false });
    expect(conv.bias).toBeNull();
    expect([...conv.stateDict().keys()]).toEqual(['weight']);
    conv.dispose();
  });

  it('bad layer options throw InvalidOptionError naming the option', () => {
    expect(() => new nn.Conv2d(0, 4, 3)).toThrow(/inChannels/);
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow(/groups/);
    expect(() => new nn.Conv2d(3, 4, [3, 3, 3])).toThrow(/kernelSize/);
    expect(() => new nn.Conv3d(3, 4, 3, { stride: 0 })).toThrow(/stride/);
    expect(() => new nn.ConvTranspose2d(3, 4, 3, { outputPadding: -1 })).toThrow(/outputPadding/);
    expect(() => new nn.Conv2d(3, 4, 3, { paddingMode: 'circular' as nn.PaddingMode })).toThrow(/paddingMode/);
    expect(() => new nn.Linear(3, 1.5)).toThrow(/outFeatures/);
    expect(() => new nn.BatchNorm2d(3, { momentum: 2 })).toThrow(InvalidOptionError);
    expect(() => new nn.InstanceNorm2d(3, { eps: 0 })).toThrow(InvalidOptionError);
  });

  it('BatchNorm2d and InstanceNorm2d refuse an input that is not [N,C,H,W]', () => {
    const batchNorm = new nn.BatchNorm2d(3);
    const instanceNorm = new nn.InstanceNorm2d(3);
    tidy(() => {
      expect(() => batchNorm.call(randn([3, 4, 4]))).toThrow(InvalidInputError);
      expect(() => instanceNorm.call(randn([2, 3, 4, 4, 4]))).toThrow(InvalidInputError);
    });
    batchNorm.dispose();
  });

  it('BatchNorm2d in eval mode leaves its running statistics and counter alone', () => {
    const norm = new nn.BatchNorm2d(2).eval();
    tidy(() => norm.call(randn([2, 2, 3, 3]).mul(5).add(3)));
    expect(valuesOf(norm.runningMean!)).toEqual([0, 0]);
    expect(valuesOf(norm.runningVar!)).toEqual([1, 1]);
    expect(Number(norm.numBatchesTracked!.item())).toBe(0);
    norm.train();
    tidy(() => norm.call(randn([2, 2, 3, 3])));
    expect(Number(norm.numBatchesTracked!.item())).toBe(1);
    norm.dispose();
  });

  it('spectralNorm renames weight to weight_orig and adds buffers weight_u [out] and weight_v [in*k*k]', () => {
    const conv = nn.spectralNorm(new nn.Conv2d(3, 4, 3));
    expect([...conv.stateDict()].map(([name, t]) => [name, t.shape])).toEqual([
      ['bias', [4]], ['weight_orig', [4, 3, 3, 3]], ['weight_u', [4]], ['weight_v', [27]],
    ]);
    expect(conv.namedParameters().map(([name]) => name)).toEqual(['bias', 'weight_orig']);
    conv.dispose();
  });

  it('spectralNorm: eval keeps u and v; the normalised weight has largest singular value ~1 after many iterations', () => {
    const conv = nn.spectralNorm(new nn.Conv2d(3, 4, 3), { nPowerIterations: 50 });
    const u = conv.getBuffer('weight_u')!;
    tidy(() => conv.call(randn([1, 3, 5, 5])));
    const uAfterTrain = valuesOf(u);
    conv.eval();
    tidy(() => {
      conv.call(randn([1, 3, 5, 5]));
      expect(valuesOf(u)).toEqual(uAfterTrain);
      // sigma of the normalised weight, measured with the converged vectors: u . (W v) = 1.
      const matrix = conv.weight.reshape(4, -1);
      const sigma = u.matmul(matrix.matmul(conv.getBuffer('weight_v')!)).item() as number;
      expect(sigma).toBeCloseTo(1, 4);
    });
    conv.dispose();
  });

  it('spectralNorm: two training forwards then one backward (a discriminator on real and fake) gives weight_orig a gradient', () => {
    const conv = nn.spectralNorm(new nn.Conv2d(2, 2, 3));
    tidy(() => {
      const real = conv.call(randn([1, 2, 4, 4]));
      const fake = conv.call(randn([1, 2, 4, 4]));
      real.mean().sub(fake.mean()).backward();
      expect(conv.getParameter('weight_orig')!.grad!.shape).toEqual([2, 2, 3, 3]);
    });
    conv.dispose();
  });

  it('spectralNorm with an unknown parameter or a bad option throws InvalidOptionError', () => {
    expect(() => nn.spectralNorm(new nn.ReLU())).toThrow(InvalidOptionError);
    expect(() => nn.spectralNorm(new nn.Conv2d(1, 1, 1), { nPowerIterations: -1 })).toThrow(/nPowerIterations/);
    const conv = new nn.Conv2d(1, 1, 1);
    expect(() => nn.spectralNorm(conv, { dim: 4 })).toThrow(/dim/);
    expect([...conv.stateDict().keys()], 'the module is left as it was').toEqual(['weight', 'bias']);
    conv.dispose();
  });
});
