import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startQueueWorker, type QueueWorker } from '../../src/queue/queue-worker.js';
import { ResultFolders } from '../../src/server/result-folders.js';
import { useTempFolder } from '../io/temp-folder.js';
import { useRedis, type TestRedis } from '../queue/redis-server.js';
import { compareOutsideBox, decodeRgb, errorOf, form, readEvents, useServers, waitFor } from './helpers.js';
import { quickJobFields, slowJobFields, smallBox, statusOf, submit, untilEnded } from './job-requests.js';

// Hooks run last first after each test: servers close, then Redis stops, then folders go.
const tempFolder = useTempFolder();
const startRedis = useRedis();
const startServer = useServers();

/** Two servers on one queue and one storage folder, and the way to start workers on them. */
async function cluster(redis?: TestRedis) {
  const queue = redis ?? (await startRedis());
  const storage = await tempFolder();
  const config = { queue: queue.url, resultsRoot: storage };
  const [a, b] = await Promise.all([startServer(config), startServer(config)]);
  const log: string[] = [];
  const workers: QueueWorker[] = [];
  const startWorker = async (weights?: Record<string, string>): Promise<QueueWorker> => {
    const worker = await startQueueWorker({ url: queue.url, storage: await ResultFolders.open(storage), weights, lockMs: 5000, log: (line) => log.push(line) });
    workers.push(worker);
    return worker;
  };
  const stopWorkers = () => Promise.all(workers.splice(0).map((w) => w.close()));
  return { redis: queue, storage, config, a, b, log, startWorker, stopWorkers };
}

describe('inpaint serve --queue: jobs through a shared queue', () => {
  it('posted to one server, run by a worker; the other answers status, events (progress relayed) and result', async () => {
    const { a, b, storage, startWorker, stopWorkers } = await cluster();
    try {
      const { image, fields } = await quickJobFields(4);
      const { id, state } = await submit(a.url, fields);
      expect(state).toBe('queued');
      const events = fetch(`${b.url}/api/v1/jobs/${id}/events`).then(readEvents);
      await startWorker();
      const done = await untilEnded(b.url, id, 60_000);
      expect(done.state).toBe('done');
      const streamed = await events;
      expect(streamed[0].event).toBe('state');
      expect(streamed.some((e) => e.event === 'progress')).toBe(true);
      expect(streamed.at(-1)).toMatchObject({ event: 'done', data: { id, state: 'done' } });

      const result = await fetch(`${b.url}${done.resultUrl}`);
      expect(result.headers.get('content-type')).toBe('image/png');
      const output = await decodeRgb(await result.arrayBuffer());
      expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, smallBox).knownDiffering).toBe(0);
      // The uploads are gone once the work is done; the result stays.
      expect(await readdir(`${storage}/${id}`)).toEqual(['result.png']);
    } finally {
      await stopWorkers();
    }
  });

  it('POST /api/v1/inpaint waits for a worker and answers its PNG; nothing stays in the storage', async () => {
    const { a, storage, startWorker, stopWorkers } = await cluster();
    try {
      await startWorker();
      const { image, fields } = await quickJobFields(6);
      const response = await fetch(`${a.url}/api/v1/inpaint`, { method: 'POST', body: form(fields) });
      expect(response.status).toBe(200);
      const output = await decodeRgb(await response.arrayBuffer());
      expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, smallBox).knownDiffering).toBe(0);
      expect(await readdir(storage)).toEqual([]);
    } finally {
      await stopWorkers();
    }
  });

  it('cancel: a waiting job ends cancelled at once; a running one is stopped on its worker; neither leaves files', async () => {
    const { a, b, storage, log, startWorker, stopWorkers } = await cluster();
    try {
      const waiting = await submit(a.url, (await quickJobFields(1)).fields);
      const cancelledWaiting = await fetch(`${b.url}/api/v1/jobs/${waiting.id}`, { method: 'DELETE' });
      expect(((await cancelledWaiting.json()) as { state: string }).state).toBe('cancelled');
      expect((await statusOf(a.url, waiting.id)).state).toBe('cancelled');
      expect((await errorOf(await fetch(`${a.url}/api/v1/jobs/${waiting.id}/result`))).status).toBe(409);

      const running = await submit(a.url, await slowJobFields());
      await startWorker();
      await waitFor(async () => (await statusOf(b.url, running.id)).state === 'running', 60_000);
      const cancelled = await fetch(`${b.url}/api/v1/jobs/${running.id}`, { method: 'DELETE' });
      expect(((await cancelled.json()) as { state: string }).state).toBe('cancelled');
      await waitFor(() => log.includes(`cancelled ${running.id}`), 30_000);
      expect(await readdir(storage)).toEqual([]);
    } finally {
      await stopWorkers();
    }
  });

  it('an input at fault on the worker (a network it has no weights for): failed at once with its error, not retried', async () => {
    const { config, log, startWorker, stopWorkers } = await cluster();
    // This server offers deepfillv2 (any file will do to offer it); the worker has no weights.
    const weights = join(await tempFolder(), 'generator.safetensors');
    await writeFile(weights, 'not read by the server');
    const server = await startServer({ ...config, weights: { deepfillv2: weights } });
    try {
      const { fields } = await quickJobFields(2);
      const { id } = await submit(server.url, { ...fields, method: 'deepfillv2' });
      await startWorker();
      const failed = await untilEnded(server.url, id, 60_000);
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatchObject({ code: 'invalid_option' });
      expect(failed.error?.message).toMatch(/deepfillv2 needs weights/);
      expect(log.filter((line) => line === `started ${id}`)).toHaveLength(1);
    } finally {
      await stopWorkers();
    }
  });

  it('a job that keeps failing for another reason is retried, a bounded number of times, then failed with its error', async () => {
    const { a, storage, log, startWorker, stopWorkers } = await cluster();
    try {
      const { id } = await submit(a.url, (await quickJobFields(3)).fields);
      // Its upload lost from the storage: every run fails, and not for anything the client sent.
      await rm(`${storage}/${id}/input-image`);
      await startWorker();
      const failed = await untilEnded(a.url, id, 60_000);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('internal');
      expect(log.filter((line) => line === `started ${id}`)).toHaveLength(3);
    } finally {
      await stopWorkers();
    }
  });

  it('a server restart loses no queued job: a new server answers for it once a worker has run it', async () => {
    const { a, config, startWorker, stopWorkers } = await cluster();
    try {
      const { image, fields } = await quickJobFields(7);
      const { id } = await submit(a.url, fields);
      await a.close();
      const restarted = await startServer(config);
      await startWorker();
      const done = await untilEnded(restarted.url, id, 60_000);
      expect(done.state).toBe('done');
      const output = await decodeRgb(await (await fetch(`${restarted.url}${done.resultUrl}`)).arrayBuffer());
      expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, smallBox).knownDiffering).toBe(0);
    } finally {
      await stopWorkers();
    }
  });

  it('the token holds in queue mode too (none or a wrong one: 401); DELETE of a done job removes its result', async () => {
    const { config, startWorker, stopWorkers } = await cluster();
    const server = await startServer({ ...config, token: 'open-sesame' });
    const withToken = { authorization: 'Bearer open-sesame' };
    try {
      expect((await errorOf(await fetch(`${server.url}/api/v1/jobs`, { method: 'POST', body: form({}) }))).status).toBe(401);
      const wrong = await fetch(`${server.url}/api/v1/jobs/${'0'.repeat(8)}`, { headers: { authorization: 'Bearer open-sesame-not' } });
      expect(wrong.status).toBe(401);
      const posted = await fetch(`${server.url}/api/v1/jobs`, { method: 'POST', body: form((await quickJobFields(8)).fields), headers: withToken });
      expect(posted.status).toBe(202);
      const { id } = (await posted.json()) as { id: string };
      await startWorker();
      const stateOf = async () => ((await (await fetch(`${server.url}/api/v1/jobs/${id}`, { headers: withToken })).json()) as { state: string }).state;
      await waitFor(async () => !['queued', 'running'].includes(await stateOf()), 60_000);
      expect(await stateOf()).toBe('done');
      expect((await fetch(`${server.url}/api/v1/jobs/${id}`, { method: 'DELETE', headers: withToken })).status).toBe(200);
      expect((await fetch(`${server.url}/api/v1/jobs/${id}/result`, { headers: withToken })).status).toBe(404);
    } finally {
      await stopWorkers();
    }
  });

  // Its waits add up to more than the default minute on a loaded machine: a longer limit.
  // About one full-suite run in three, a status request to server b after Redis was back never
  // answered (untilEnded below hung past its own limit); not reproduced alone, cause not found.
  // Every Redis call now has a deadline (job-queue-deadline.test.ts), so such a request answers 503
  // instead; the test waits for both servers to answer again, and is still retried meanwhile.
  it('Redis going away: 503 queue_unavailable meanwhile; when it is back, the waiting job and new ones run on the same worker', async () => {
    const { a, b, redis, log, startWorker, stopWorkers } = await cluster();
    try {
      await startWorker();
      const first = await submit(a.url, (await quickJobFields(1)).fields);
      expect((await untilEnded(a.url, first.id, 60_000)).state).toBe('done');

      await redis.stop();
      const refused = await errorOf(await fetch(`${b.url}/api/v1/jobs/${first.id}`));
      expect(refused).toMatchObject({ status: 503, error: { code: 'queue_unavailable' } });
      expect(refused.error.message).toMatch(/job queue at redis:\/\/127\.0\.0\.1:\d+\/? cannot be reached/);
      const post = await fetch(`${a.url}/api/v1/jobs`, { method: 'POST', body: form((await quickJobFields(2)).fields) });
      expect((await errorOf(post)).error.code).toBe('queue_unavailable');
      await waitFor(() => log.some((line) => line.includes('cannot be reached')), 30_000);

      await redis.start();
      for (const server of [a, b]) await waitFor(async () => (await fetch(`${server.url}/api/v1/jobs/${first.id}`)).status === 200, 30_000);
      const { image, fields } = await quickJobFields(5);
      const second = await submit(a.url, fields);
      const done = await untilEnded(b.url, second.id, 60_000);
      expect(done.state).toBe('done');
      const output = await decodeRgb(await (await fetch(`${b.url}${done.resultUrl}`)).arrayBuffer());
      expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, smallBox).knownDiffering).toBe(0);
      expect(log).toContain(`done ${second.id}`);
    } finally {
      await stopWorkers();
    }
  }, { timeout: 150_000, retry: 2 });
});
