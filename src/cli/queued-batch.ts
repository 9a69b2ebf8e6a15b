import { basename } from 'node:path';
import { CancelledError, InpaintError } from '../core/errors.js';
import { readImage } from '../io/read-image.js';
import { encodeImage, writeImage } from '../io/write-image.js';
import { encodeMask } from '../io/write-mask.js';
import { QueueUnavailableError } from '../queue/errors.js';
import { JobQueue } from '../queue/job-queue.js';
import { storeReceivedJob } from '../queue/job-spec.js';
import { newJobId } from '../server/job-id.js';
import { ResultFolders } from '../server/result-folders.js';
import type { BatchItem } from './batch-plan.js';
import { outputPathOf, prepareBatch, reportFailures, type BatchFailure, type RunSettings } from './batch-run.js';
import { createProgressBar } from './progress-bar.js';
import type { QueueSettings } from './queue-flags.js';
import { readImageAndMask } from './read-inputs.js';

/** How long Redis keeps the batch's ended jobs: long enough to be read back, short enough to go. */
const retainMs = 60 * 60 * 1000;

interface Submitted {
  readonly item: BatchItem;
  readonly index: number;
  readonly id: string;
}

/**
 * `inpaint run --queue`: each image is read and checked here as a local run does (mask flags
 * included), put into the shared storage and onto the queue; the workers fill them in parallel,
 * and each result is written here as it comes, in the format asked for. One bar shows the whole
 * batch; failures are listed at the end and make the exit status 1, as in a local run. Ctrl-C
 * cancels the jobs not yet ended and leaves nothing behind in the storage.
 */
export async function runBatchOnQueue(settings: RunSettings, queueSettings: QueueSettings): Promise<void> {
  const { flags, method, options, env } = settings;
  const plan = await prepareBatch(flags);
  const total = plan.items.length;
  const storage = await ResultFolders.open(queueSettings.storage);
  const queue = await JobQueue.open(queueSettings.url, { retainMs });
  const failures: BatchFailure[] = [];
  const fractions = new Map<string, number>();
  let ended = 0;
  const bar = createProgressBar(env.stderr);
  const redraw = (): void => bar.update([...fractions.values()].reduce((a, b) => a + b, 0) / total + ended / total, `${ended}/${total} done`);
  const fail = (item: BatchItem, index: number, message: string): void => {
    failures.push({ image: item.image, message });
    bar.log(`[${index + 1}/${total}] ${basename(item.image)} failed: ${message}`);
  };

  const submitted: Submitted[] = [];
  const cancelAll = async (): Promise<void> => {
    await Promise.allSettled(submitted.map(async ({ id }) => (await queue.cancel(id)).removedWaiting && storage.remove(id)));
  };
  env.signal.addEventListener('abort', () => void cancelAll(), { once: true });
  try {
    for (const [index, item] of plan.items.entries()) {
      if (env.signal.aborted) throw new CancelledError();
      try {
        submitted.push({ item, index, id: await submit(item, settings, storage, queue, (line) => bar.log(line)) });
      } catch (error) {
        // Without Redis no image can go: the batch stops (the images already queued are cancelled).
        if (error instanceof QueueUnavailableError) throw error;
        fail(item, index, error instanceof Error ? error.message : String(error));
        ended++;
      }
    }
    redraw();
    await Promise.all(
      submitted.map(async ({ item, index, id }) => {
        const prefix = `[${index + 1}/${total}] ${basename(item.image)}`;
        const job = await queue.untilEnded(id, {
          onProgress: (report) => {
            fractions.set(id, report.fraction / total);
            redraw();
          },
        });
        fractions.delete(id);
        ended++;
        try {
          for (const note of job?.report.notes ?? []) bar.log(`note: ${note}`);
          if (job?.state === 'done') {
            const output = outputPathOf(item, flags);
            const inputs = item.mask === undefined ? [item.image] : [item.image, item.mask];
            await writeImage(output, await readImage(storage.resultPath(id)), { inputs });
            bar.log(`${prefix} -> ${output}`);
          } else if (!env.signal.aborted) {
            fail(item, index, job?.report.failure?.error.message ?? `the job ${job ? `ended ${job.state}` : 'is gone from the queue'}${job?.failedReason ? `: ${job.failedReason}` : ''}`);
          }
        } finally {
          await storage.remove(id);
          redraw();
        }
      }),
    );
  } finally {
    bar.clear();
    await queue.close();
  }
  if (env.signal.aborted) throw new CancelledError();
  reportFailures(failures, total, env);
}

/** Reads an image and its mask as a local run would, stores them as PNG and queues the job; its id. */
async function submit(item: BatchItem, { flags, method, options, env }: RunSettings, storage: ResultFolders, queue: JobQueue, log: (line: string) => void): Promise<string> {
  if (item.problem) throw new InpaintError(item.problem);
  const { image, mask } = await readImageAndMask(item.image, item.mask, flags, (message) => log(`note: ${message}`), env.signal);
  const id = newJobId();
  const request = {
    method,
    options,
    image: await encodeImage(image, 'png'),
    mask: await encodeMask(mask, 'png'),
    maxPixels: image.width * image.height,
  };
  const spec = await storeReceivedJob({ kind: 'image', id, request }, storage);
  try {
    await queue.add(spec);
  } catch (error) {
    await storage.remove(id);
    throw error;
  }
  return id;
}
