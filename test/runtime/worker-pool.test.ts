/**
 * The runtime's worker pool with a test worker (test-worker.mjs, on the build's runtime): replies
 * and transfers, errors keep their class and fields, cancellation reaches the handler, a dead
 * worker fails only its call, closing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, InpaintError, InvalidInputError } from '../../src/core/errors.js';
import { createWorkerPool, type WorkerPool } from '../../src/runtime/worker-pool.js';

/** The test worker's API as the pool sees it (the worker is plain JavaScript). */
type TestApi = {
  double: (request: { values: number[] }) => Float32Array;
  badInput: () => never;
  unknownInputError: () => never;
  bug: () => never;
  untilCancelled: () => string;
  cancelsSeen: () => number;
  die: () => never;
};

const script = new URL('./test-worker.mjs', import.meta.url);
let pool: WorkerPool<TestApi>;

afterEach(() => pool?.close());

describe('createWorkerPool', () => {
  it('runs calls on up to `size` workers and returns their replies', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool', size: 2 });
    const replies = await Promise.all([1, 2, 3].map((v) => pool.call('double', { values: [v, -v] })));
    expect(replies.map((r) => [...r])).toEqual([[2, -2], [4, -4], [6, -6]]);
    expect(replies[0]).toBeInstanceOf(Float32Array);
  });

  it('an InvalidInputError on the worker arrives as an InvalidInputError with its fields', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool' });
    const error = await pool.call('badInput', undefined as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: 'mask.png', expected: 'a mask of 8x8', received: '4x4', isInputError: true, name: 'InvalidInputError' });
    expect((error as Error).message).toBe('mask.png: expected a mask of 8x8 but received 4x4');
  });

  it('an input error of a class this thread does not know stays an input error (an InpaintError with its fields)', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool' });
    const error = await pool.call('unknownInputError', undefined as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InpaintError);
    expect(error).toMatchObject({ isInputError: true, frame: 7, name: 'FrameGapError', message: 'frame 7 is missing' });
  });

  it('any other error keeps its name and message and is not an input error', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool' });
    const error = await pool.call('bug', undefined as never).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(InpaintError);
    expect(error).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
  });

  it('cancelling rejects at once with CancelledError and aborts the handler\'s signal; a queued call is dropped', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool', size: 1 });
    const running = new AbortController();
    const queued = new AbortController();
    const first = pool.call('untilCancelled', undefined as never, { signal: running.signal });
    const second = pool.call('double', { values: [1] }, { signal: queued.signal });
    queued.abort();
    await expect(second).rejects.toThrow(CancelledError);
    running.abort();
    await expect(first).rejects.toThrow(CancelledError);
    expect(await pool.call('cancelsSeen', undefined as never)).toBe(1);
    await expect(pool.call('double', { values: [1] }, { signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
  });

  it('a worker that dies fails its own call; the next call gets a fresh worker', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool', size: 1 });
    await expect(pool.call('die', undefined as never)).rejects.toThrow(/test pool's worker thread stopped \(exit code 3\)/);
    expect([...(await pool.call('double', { values: [5] }))]).toEqual([10]);
  });

  it('closing rejects the queued calls and any later call', async () => {
    pool = createWorkerPool<TestApi>(script, { name: 'the test pool', size: 1 });
    const blocking = pool.call('untilCancelled', undefined as never).catch((e: Error) => e);
    const queued = pool.call('double', { values: [1] }).catch((e: Error) => e);
    await pool.close();
    expect((await queued as Error).message).toBe('the test pool was closed');
    expect((await blocking as Error).message).toMatch(/stopped/);
    await expect(pool.call('double', { values: [1] })).rejects.toThrow(/the test pool is closed/);
  });
});
