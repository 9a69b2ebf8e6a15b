import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compareOutsideBox,
  decodeRgb,
  errorOf,
  form,
  makeBoxMask,
  makeImage,
  readEvents,
  useServers,
  waitFor,
} from '../helpers.js';
import { quickJobFields, slowJobFields, smallBox, statusOf, submit, untilEnded, type Status } from '../job-requests.js';

const startServer = useServers();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inpaint-server-'));
  made.push(dir);
  return dir;
}

describe('jobs', () => {
  it('POST, GET, result: the job runs to done and its PNG keeps the known pixels', async () => {
    const { url } = await startServer();
    const { image, fields } = await quickJobFields(2);
    const submitted = await submit(url, fields);
    expect(submitted.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(['queued', 'running']).toContain(submitted.state);
    const ended = await untilEnded(url, submitted.id);
    expect(ended).toMatchObject({ state: 'done', progress: 1, resultUrl: `/api/v1/jobs/${submitted.id}/result` });
    const result = await fetch(`${url}${ended.resultUrl}`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('image/png');
    const output = await decodeRgb(await result.arrayBuffer());
    expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, smallBox)).toMatchObject({ knownDiffering: 0 });
  });

  it('events: queued, running, progress rising to 1, then done as the last event, and the stream closes', async () => {
    const { url } = await startServer({ limits: { maxConcurrent: 1 } });
    // A job ahead in the queue, so that the stream is open before the watched job starts.
    const blocker = await submit(url, await slowJobFields());
    const image = await makeImage(96, 96, 4);
    const mask = await makeBoxMask(96, 96, { x0: 30, y0: 30, x1: 70, y1: 70 });
    const { id } = await submit(url, { image: image.png, mask, method: 'patchmatch', options: '{"iterations": 2}' });
    const response = await fetch(`${url}/api/v1/jobs/${id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await fetch(`${url}/api/v1/jobs/${blocker.id}`, { method: 'DELETE' });
    const events = await readEvents(response);
    expect(events.slice(0, 2)).toMatchObject([
      { event: 'state', data: { id, state: 'queued' } },
      { event: 'state', data: { id, state: 'running' } },
    ]);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.fraction as number);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.some((f) => f > 0 && f < 1)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress.at(-1)).toBe(1);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { id, state: 'done' } });
  });

  it('events of a job that has already ended: its state and its end, at once', async () => {
    const { url } = await startServer();
    const { id } = await submit(url, (await quickJobFields()).fields);
    await untilEnded(url, id);
    const events = await readEvents(await fetch(`${url}/api/v1/jobs/${id}/events`));
    expect(events.map((e) => e.event)).toEqual(['state', 'done']);
  });

  it('DELETE stops a running patchmatch job quickly: state cancelled, no result, no folder', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const { id } = await submit(url, await slowJobFields());
    const events = fetch(`${url}/api/v1/jobs/${id}/events`).then(readEvents);
    await waitFor(async () => (await statusOf(url, id)).progress > 0);
    const asked = Date.now();
    const cancelled = await fetch(`${url}/api/v1/jobs/${id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as Status).state).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(1500);
    expect((await statusOf(url, id)).state).toBe('cancelled');
    expect((await events).at(-1)?.event).toBe('cancelled');
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/jobs/${id}/result`));
    expect(status).toBe(409);
    expect(error.code).toBe('result_not_ready');
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('a job running past the time limit fails with a time_limit error', async () => {
    const { url } = await startServer({ limits: { jobTimeLimitMs: 100 } });
    const { id } = await submit(url, await slowJobFields());
    const ended = await untilEnded(url, id);
    expect(ended.state).toBe('failed');
    expect(ended.error?.code).toBe('time_limit');
  });

  it('queue full (maxConcurrent 1, maxQueued 1): a third job and an /inpaint request get 429; a queued job cancels at once', async () => {
    const { url } = await startServer({ limits: { maxConcurrent: 1, maxQueued: 1 } });
    const running = await submit(url, await slowJobFields());
    const queued = await submit(url, (await quickJobFields()).fields);
    expect((await statusOf(url, queued.id)).state).toBe('queued');

    const refusedJob = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form((await quickJobFields()).fields) });
    const job429 = await errorOf(refusedJob);
    expect(job429.status).toBe(429);
    expect(job429.error.code).toBe('queue_full');
    expect(refusedJob.headers.get('retry-after')).toBe('1');
    const refusedRequest = await errorOf(await fetch(`${url}/api/v1/inpaint`, { method: 'POST', body: form((await quickJobFields()).fields) }));
    expect(refusedRequest.status).toBe(429);

    const cancelledQueued = (await (await fetch(`${url}/api/v1/jobs/${queued.id}`, { method: 'DELETE' })).json()) as Status;
    expect(cancelledQueued.state).toBe('cancelled');
    expect((await statusOf(url, running.id)).state).toBe('running');
    await fetch(`${url}/api/v1/jobs/${running.id}`, { method: 'DELETE' });
    // Both places are free again.
    expect((await submit(url, (await quickJobFields()).fields)).id).toBeTruthy();
  });

  it('results expire: after resultTtlMs the folder is removed and the job is gone (404)', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot, limits: { resultTtlMs: 300 } });
    const { id } = await submit(url, (await quickJobFields()).fields);
    await untilEnded(url, id);
    expect((await stat(join(resultsRoot, id, 'result.png'))).size).toBeGreaterThan(0);
    await waitFor(async () => (await readdir(resultsRoot)).length === 0, 3000);
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/jobs/${id}`));
    expect(status).toBe(404);
    expect(error.code).toBe('job_not_found');
  });

  it('on start, job folders a previous run left past their time are removed; other entries stay', async () => {
    const resultsRoot = await tempFolder();
    const stale = join(resultsRoot, '5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f11');
    const fresh = join(resultsRoot, '6a1d9f1f-8e64-4d2f-8b62-1d4c2e0f3a22');
    const other = join(resultsRoot, 'notes');
    for (const dir of [stale, fresh, other]) await mkdir(dir);
    const old = new Date(Date.now() - 10 * 60 * 1000);
    await utimes(stale, old, old);
    await utimes(other, old, old);
    await startServer({ resultsRoot, limits: { resultTtlMs: 60_000 } });
    expect((await readdir(resultsRoot)).sort()).toEqual(['6a1d9f1f-8e64-4d2f-8b62-1d4c2e0f3a22', 'notes']);
  });

  it('ids that are not job ids get 404 and never reach the file system', async () => {
    const base = await tempFolder();
    const resultsRoot = join(base, 'results');
    // A decoy where a path built from "../decoy" would land.
    await mkdir(join(base, 'decoy'));
    await writeFile(join(base, 'decoy', 'result.png'), 'decoy');
    const { url } = await startServer({ resultsRoot });
    const attempts: [string, string][] = [
      ['GET', '/api/v1/jobs/..%2Fdecoy'],
      ['GET', '/api/v1/jobs/..%2Fdecoy/result'],
      ['GET', '/api/v1/jobs/..%2Fdecoy/events'],
      ['DELETE', '/api/v1/jobs/..%2Fdecoy'],
      ['GET', '/api/v1/jobs/..%2F..%2F..%2Fetc%2Fpasswd/result'],
      ['GET', '/api/v1/jobs/%2Fetc%2Fpasswd/result'],
      ['GET', '/api/v1/jobs/5F0C8E0E-7D53-4C1E-9A51-0C3B1D9E2F11/result'],
      ['GET', '/api/v1/jobs/5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f11/result'],
    ];
    for (const [method, path] of attempts) {
      const { status, error } = await errorOf(await fetch(`${url}${path}`, { method }));
      expect(status, `${method} ${path}`).toBe(404);
      expect(error.code, `${method} ${path}`).toBe('job_not_found');
    }
    expect(await readdir(join(base, 'decoy'))).toEqual(['result.png']);
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('an image whose header is fine but whose data is cut: accepted, then the job fails with invalid_input', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const { id } = await submit(url, { ...fields, image: fields.image.subarray(0, 80) });
    const ended = await untilEnded(url, id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatchObject({ code: 'invalid_input', field: 'image' });
  });

  it('bytes that are no image at all: 400 when the job is submitted', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const response = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ ...fields, mask: new TextEncoder().encode('not a png') }) });
    const { status, error } = await errorOf(response);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'mask' });
  });

  it('notes: how the inputs were read (a soft mask thresholded) are in the status', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const grey = new Uint8Array(48 * 36).fill(0);
    grey.fill(200, 48 * 10 + 5, 48 * 10 + 20);
    const softMask = await sharp(grey, { raw: { width: 48, height: 36, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    const { id } = await submit(url, { ...fields, mask: softMask });
    const ended = await untilEnded(url, id);
    expect(ended.state).toBe('done');
    expect((ended as Status & { notes: string[] }).notes.join(' ')).toContain('soft mask');
  });

  it('kind=video with an image job\'s fields: 400 naming image (a video job takes its clip in "video")', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ ...fields, method: 'per-frame', kind: 'video' }) }));
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'image' });
    expect(error.message).toContain('video');
  });

  it('kind neither image nor video: 400 naming kind', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ ...fields, kind: 'audio' }) }));
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'invalid_option', field: 'kind', received: 'audio' });
  });

  it('a bad option is refused when the job is submitted, not when it runs', async () => {
    const { url } = await startServer();
    const { fields } = await quickJobFields();
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ ...fields, options: '{"radius": 100}' }) }));
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'invalid_option', field: 'telea option radius', received: 100 });
  });

  it('closing the server cancels running jobs and ends their event streams', async () => {
    const server = await startServer();
    const { id } = await submit(server.url, await slowJobFields());
    const events = fetch(`${server.url}/api/v1/jobs/${id}/events`).then(readEvents);
    await waitFor(async () => (await statusOf(server.url, id)).state === 'running');
    await server.close();
    expect((await events).at(-1)?.event).toBe('cancelled');
  });
});
