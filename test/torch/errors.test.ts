/** Bad inputs: libtorch's errors reach JavaScript as exceptions naming the problem, never a crash. */
import { expect, it } from 'vitest';
import { InvalidOptionError, NativeEngineMissingError } from '../../src/core/errors.js';
import { F, loadNative, ones, randn, tidy } from '../../src/torch/index.js';
import { describeWithEngine } from './engine.js';

describeWithEngine('errors', () => {
  it('conv2d with 3 input channels and a weight expecting 2 throws naming the channels', () => {
    tidy(() => {
      expect(() => F.conv2d(randn([1, 3, 8, 8]), randn([4, 2, 3, 3]))).toThrow(
        /expected input\[1, 3, 8, 8\] to have 2 channels, but got 3 channels instead/,
      );
    });
  });

  it('conv2dAsync with mismatched channels rejects with the same message', async () => {
    const x = randn([1, 3, 8, 8]);
    const w = randn([4, 2, 3, 3]);
    await expect(F.conv2dAsync(x, w)).rejects.toThrow(/to have 2 channels, but got 3 channels instead/);
    x.dispose();
    w.dispose();
  });

  it('matmul of [2,3] by [4,5] throws naming the shapes', () => {
    tidy(() => {
      expect(() => randn([2, 3]).matmul(randn([4, 5]))).toThrow(/2x3 and 4x5/);
    });
  });

  it('a negative stride throws InvalidOptionError naming stride', () => {
    tidy(() => {
      expect(() => F.conv2d(randn([1, 1, 4, 4]), randn([1, 1, 3, 3]), null, { stride: -1 })).toThrow(
        new InvalidOptionError('stride', 'an integer >= 1 or 2 of them', -1),
      );
    });
  });

  it('interpolate with both size and scaleFactor throws InvalidOptionError', () => {
    tidy(() => {
      expect(() => F.interpolate(ones([1, 1, 2, 2]), { size: 4, scaleFactor: 2 })).toThrow(InvalidOptionError);
    });
  });

  it('an unknown pad mode from an untyped caller throws a TypeError naming it', () => {
    tidy(() => {
      const mode = 'circularish' as 'reflect';
      expect(() => F.pad(ones([1, 1, 2, 2]), [1, 1], { mode })).toThrow(/for mode but received "circularish"/);
    });
  });

  it('a disposed tensor handed to the addon directly throws naming the argument, not a crash', () => {
    const t = ones([2]);
    const handle = t.native;
    t.dispose();
    expect(() => loadNative().relu(handle)).toThrow('input: the tensor was disposed');
    expect(() => loadNative().cat([handle], 0)).toThrow('tensors[0]: the tensor was disposed');
  });

  it('a non-tensor passed to the addon throws a TypeError naming the argument', () => {
    expect(() => loadNative().relu({} as never)).toThrow(/Expected a Tensor for input/);
  });
});

it('NativeEngineMissingError says what to install and run', () => {
  const error = new NativeEngineMissingError('build/Release/inpaint_torch.node does not exist');
  expect(error.message).toMatch(/apt-get install libtorch-dev && npm run build:native/);
  expect(error.name).toBe('NativeEngineMissingError');
});
