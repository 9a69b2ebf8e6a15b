import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMask, type Mask } from '../../../src/core/image.js';
import { decodeMaskFrames, encodeMaskFrames, type MaskFramesJson } from '../../../src/io/mask-runs.js';
import { errorOf, form, readEvents, useServers, type Box } from '../helpers.js';
import { decodeClip, encodeClip, movingBox, movingObjectFrame, redLeftInObject } from '../video-clips.js';

const startServer = useServers();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const width = 96;
const height = 64;
const frames = 10;
const object: Box = { x0: 20, y0: 20, x1: 44, y1: 40 };

function boxMask(box: Box): Mask {
  const mask = createMask(width, height);
  for (let y = box.y0; y < box.y1; y++) mask.data.fill(1, y * width + box.x0, y * width + box.x1);
  return mask;
}

function iou(a: Mask, b: Mask): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (a.data[i] && b.data[i]) both++;
    if (a.data[i] || b.data[i]) either++;
  }
  return both / either;
}

function keysFile(keys: MaskFramesJson | string): Uint8Array {
  return new TextEncoder().encode(typeof keys === 'string' ? keys : JSON.stringify(keys));
}

async function track(url: string, fields: Record<string, Uint8Array | undefined>): Promise<Response> {
  return fetch(`${url}/api/v1/track`, { method: 'POST', body: form(fields) });
}

describe('POST /api/v1/video-info and /api/v1/track', () => {
  let clip: Buffer;

  beforeAll(async () => {
    clip = await encodeClip({ width, height, frames }, (i) => movingObjectFrame(width, height, i, object));
  });

  it('tells the clip\'s size and frames; carries a key frame mask through the clip; a video job takes the tracked masks as its mask', async () => {
    const resultsRoot = await mkdtemp(join(tmpdir(), 'inpaint-track-'));
    made.push(resultsRoot);
    const { url } = await startServer({ resultsRoot });
    const info = await fetch(`${url}/api/v1/video-info`, { method: 'POST', body: form({ video: clip }) });
    expect(await info.json()).toMatchObject({ width, height, frameCount: frames, fps: 8 });
    const keys = encodeMaskFrames(width, height, new Map([[0, boxMask(object)]]));
    const response = await track(url, { video: clip, keys: keysFile(keys) });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const tracked = decodeMaskFrames(await response.json(), 'answer', { width, height, frameCount: frames });
    expect([...tracked.keys()]).toEqual([...Array(frames).keys()]);
    for (let i = 0; i < frames; i++) expect(iou(tracked.get(i)!, boxMask(movingBox(object, i))), `frame ${i}`).toBeGreaterThan(0.8);
    // Nothing of the request stays on the server.
    expect(await readdir(resultsRoot)).toEqual([]);

    const masks = JSON.stringify(encodeMaskFrames(width, height, tracked));
    const job = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ video: clip, mask: keysFile(masks), method: 'per-frame' }) });
    expect(job.status, await job.clone().text()).toBe(202);
    const { id } = (await job.json()) as { id: string };
    const events = await readEvents(await fetch(`${url}/api/v1/jobs/${id}/events`));
    expect(events.at(-1)?.event).toBe('done');
    const output = await decodeClip(new Uint8Array(await (await fetch(`${url}/api/v1/jobs/${id}/result`)).arrayBuffer()), width, height);
    // The red object is gone from every frame, but for a few pixels where the tracked edge is a little off: the hole followed it.
    for (let i = 0; i < frames; i++) {
      const { red, area } = redLeftInObject(output[i], width, i, object);
      expect(red, `red pixels left in frame ${i}`).toBeLessThan(area / 20);
    }
  });

  it('refuses keys that do not fit the clip, naming the field', async () => {
    const { url } = await startServer();
    const small = encodeMaskFrames(32, 32, new Map([[0, createMask(32, 32)]]));
    const wrongSize = await errorOf(await track(url, { video: clip, keys: keysFile(small) }));
    expect(wrongSize).toMatchObject({ status: 400, error: { field: 'keys' } });
    expect(wrongSize.error.message).toMatch(/96x64/);
    const late = encodeMaskFrames(width, height, new Map([[frames, boxMask(object)]]));
    expect((await errorOf(await track(url, { video: clip, keys: keysFile(late) }))).error.message).toMatch(/frame index 10/);
    expect((await errorOf(await track(url, { video: clip, keys: keysFile('not json') }))).error).toMatchObject({ field: 'keys' });
    expect((await errorOf(await track(url, { video: clip }))).error).toMatchObject({ field: 'keys' });
    const mask = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form({ video: clip, mask: keysFile(JSON.stringify(late)) }) });
    expect((await errorOf(mask)).error).toMatchObject({ field: 'mask' });
  });
});
