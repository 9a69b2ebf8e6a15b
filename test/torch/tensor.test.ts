/** Tensor creation and conversion: typed arrays in and out, dtypes, shapes, devices. */
import { expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { cudaAvailable, full, manualSeed, randn, tensor, tidy, where, zeros } from '../../src/torch/index.js';
import { describeWithEngine, valuesOf } from './engine.js';

describeWithEngine('Tensor', () => {
  it('float32 [2,3] from a Float32Array: shape, dtype, device, values', () => {
    tidy(() => {
      const data = Float32Array.from([1, 2, 3, 4, 5, 6.5]);
      const t = tensor(data, [2, 3]);
      expect(t.shape).toEqual([2, 3]);
      expect(t.dtype).toBe('float32');
      expect(t.device).toBe('cpu');
      expect(t.numel).toBe(6);
      expect(t.toArray()).toEqual(data);
    });
  });

  it('the tensor copies its data: changing the source array later changes nothing', () => {
    tidy(() => {
      const data = Float32Array.from([1, 2]);
      const t = tensor(data);
      data[0] = 9;
      expect(valuesOf(t)).toEqual([1, 2]);
    });
  });

  it('int64 from a BigInt64Array round-trips', () => {
    tidy(() => {
      const t = tensor(BigInt64Array.from([1n, -2n, 2n ** 40n]), [3]);
      expect(t.dtype).toBe('int64');
      expect(t.toArray()).toEqual(BigInt64Array.from([1n, -2n, 2n ** 40n]));
    });
  });

  it('bool from a Uint8Array: non-zero bytes are true', () => {
    tidy(() => {
      const t = tensor(Uint8Array.from([0, 1, 7]), [3]);
      expect(t.dtype).toBe('bool');
      expect(t.toArray()).toEqual(Uint8Array.from([0, 1, 1]));
    });
  });

  it('comparison gives bool, where picks by it, to() converts dtype', () => {
    tidy(() => {
      const x = tensor([1, -2, 3]);
      const positive = x.gt(0);
      expect(positive.dtype).toBe('bool');
      expect(valuesOf(where(positive, x, zeros([3])))).toEqual([1, 0, 3]);
      expect(positive.to({ dtype: 'float32' }).toArray()).toEqual(Float32Array.from([1, 0, 1]));
      expect(x.to({ dtype: 'int64' }).toArray()).toEqual(BigInt64Array.from([1n, -2n, 3n]));
    });
  });

  it('item of a one-element tensor; of a larger one throws', () => {
    tidy(() => {
      expect(full([1, 1], 2.5).item()).toBe(2.5);
      expect(() => zeros([2]).item()).toThrow(/2 elements/);
    });
  });

  it('manualSeed makes randn repeat, and gives python3-torch\'s first values for seed 0', () => {
    tidy(() => {
      manualSeed(0);
      const first = valuesOf(randn([3]));
      manualSeed(0);
      expect(valuesOf(randn([3]))).toEqual(first);
      // torch.manual_seed(0); torch.randn(3) in python3-torch 1.13
      expect(first.map((v) => Number(v.toFixed(4)))).toEqual([1.5410, -0.2934, -2.1788]);
    });
  });

  it('data whose length does not match the shape throws InvalidInputError', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(InvalidInputError);
  });

  it('a shape view cannot take throws a JS error with libtorch\'s message', () => {
    tidy(() => {
      expect(() => zeros([2, 3]).view(4, 2)).toThrow(/shape '\[4, 2\]' is invalid for input of size 6/);
    });
  });

  it('split gives the pieces, the last one shorter', () => {
    tidy(() => {
      const parts = tensor([1, 2, 3, 4, 5]).split(2);
      expect(parts.map((p) => valuesOf(p))).toEqual([[1, 2], [3, 4], [5]]);
    });
  });

  it('cudaAvailable answers a boolean (false with Debian\'s CPU-only libtorch)', () => {
    expect(typeof cudaAvailable()).toBe('boolean');
  });
});
