import { describe, expect, it } from 'vitest';
import { CancelledError, throwIfCancelled } from '../../src/core/errors.js';
import { TimeLimitError } from '../../src/server/errors.js';
import { runLimited } from '../../src/server/limited-run.js';
import { WorkQueue } from '../../src/server/work-queue.js';

/** Work that checks its signal every few milliseconds, as patchmatch does between iterations. */
async function workUntilStopped(signal: AbortSignal): Promise<never> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throwIfCancelled(signal);
  }
}

describe('runLimited', () => {
  it('returns what the work returns and frees its slot', async () => {
    const queue = new WorkQueue(1, 0);
    await expect(runLimited(async () => 42, { queue, timeLimitMs: 1000 })).resolves.toBe(42);
    expect(queue.runningCount).toBe(0);
  });

  it('work past the time limit: TimeLimitError, slot freed', async () => {
    const queue = new WorkQueue(1, 0);
    await expect(runLimited(workUntilStopped, { queue, timeLimitMs: 30 })).rejects.toBeInstanceOf(TimeLimitError);
    expect(queue.runningCount).toBe(0);
  });

  it("the caller's signal: CancelledError, not a time-limit error", async () => {
    const queue = new WorkQueue(1, 0);
    const controller = new AbortController();
    const run = runLimited(workUntilStopped, { queue, timeLimitMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('onStart is called when the work leaves the queue', async () => {
    const queue = new WorkQueue(1, 1);
    const release = await queue.reserve();
    let started = false;
    const run = runLimited(async () => 'ran', { queue, timeLimitMs: 1000, onStart: () => (started = true) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    release();
    await expect(run).resolves.toBe('ran');
    expect(started).toBe(true);
  });
});
