/** conv2dAsync runs on the thread pool and gives conv2d's result. */
import { expect, it } from 'vitest';
import { F, noGrad, randn, tidy } from '../../src/torch/index.js';
import { describeWithEngine } from './engine.js';

describeWithEngine('async ops', () => {
  it('conv2dAsync x=[1,4,16,16] w=[8,4,3,3] p=1 d=2 equals conv2d', async () => {
    const [x, w, b] = [randn([1, 4, 16, 16]), randn([8, 4, 3, 3]), randn([8])];
    const options = { padding: 2, dilation: 2 };
    const result = await F.conv2dAsync(x, w, b, options);
    const expected = F.conv2d(x, w, b, options);
    expect(result.shape).toEqual([1, 8, 16, 16]);
    expect(result.toArray()).toEqual(expected.toArray());
    [x, w, b, result, expected].forEach((t) => t.dispose());
  });

  it('the main thread keeps running while a large conv2dAsync is in flight', async () => {
    const [x, w] = [randn([1, 64, 128, 128]), randn([64, 64, 3, 3])];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const pending = noGrad(() => F.conv2dAsync(x, w, null, { padding: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await pending;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(result.shape).toEqual([1, 64, 128, 128]);
    [x, w, result].forEach((t) => t.dispose());
  });

  it('gradients flow through conv2dAsync', async () => {
    const w = randn([2, 1, 3, 3]).requiresGrad_();
    const x = randn([1, 1, 5, 5]);
    const y = await F.conv2dAsync(x, w);
    tidy(() => y.sum().backward());
    expect(w.grad?.shape).toEqual([2, 1, 3, 3]);
    [w, x, y].forEach((t) => t.dispose());
  });
});
