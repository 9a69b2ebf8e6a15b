import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import { QueueFullError } from '../../src/server/errors.js';
import { WorkQueue } from '../../src/server/work-queue.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkQueue', () => {
  it('maxConcurrent 2: two start at once, the third waits and starts when one is released', async () => {
    const queue = new WorkQueue(2, 5);
    const first = await queue.reserve();
    await queue.reserve();
    let thirdStarted = false;
    const third = queue.reserve().then((release) => {
      thirdStarted = true;
      return release;
    });
    await tick();
    expect([thirdStarted, queue.runningCount, queue.queuedCount]).toEqual([false, 2, 1]);
    first();
    await third;
    expect([thirdStarted, queue.runningCount, queue.queuedCount]).toEqual([true, 2, 0]);
  });

  it('first come, first served', async () => {
    const queue = new WorkQueue(1, 5);
    const release = await queue.reserve();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => queue.reserve().then((next) => (order.push(n), next())));
    release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it('full (running and queued): QueueFullError thrown synchronously', async () => {
    const queue = new WorkQueue(1, 1);
    await queue.reserve();
    void queue.reserve();
    expect(() => queue.reserve()).toThrow(QueueFullError);
  });

  it('maxQueued 0: refuses as soon as every slot runs', async () => {
    const queue = new WorkQueue(1, 0);
    await queue.reserve();
    expect(() => queue.reserve()).toThrow(QueueFullError);
  });

  it('a waiter whose signal fires leaves the queue with CancelledError and its place is free', async () => {
    const queue = new WorkQueue(1, 1);
    const release = await queue.reserve();
    const controller = new AbortController();
    const waiting = queue.reserve(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    expect(queue.queuedCount).toBe(0);
    release();
    expect(queue.runningCount).toBe(0);
  });

  it('releasing twice frees one slot only', async () => {
    const queue = new WorkQueue(1, 1);
    const release = await queue.reserve();
    release();
    release();
    expect(queue.runningCount).toBe(0);
    await queue.reserve();
    expect(queue.runningCount).toBe(1);
  });
});
