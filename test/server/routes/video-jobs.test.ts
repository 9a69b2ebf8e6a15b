import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { videoMethods } from '../../../src/methods.js';
import { errorOf, form, makeBoxMask, makeImage, readEvents, useServers, waitFor, type Box } from '../helpers.js';
import { clipFrame, decodeClip, encodeClip, encodeTone, maskClipFrame } from '../video-clips.js';

const startServer = useServers();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inpaint-server-video-'));
  made.push(dir);
  return dir;
}

interface Status {
  id: string;
  kind: string;
  method: string;
  state: string;
  progress: number;
  stage?: string;
  error?: { code: string; message: string; field?: string };
  resultUrl?: string;
}

const width = 64;
const height = 48;
const frames = 8;
const hole: Box = { x0: 20, y0: 14, x1: 36, y1: 30 };
/** A dark square inside the hole: the object to remove. */
const object: Box = { x0: 23, y0: 17, x1: 33, y1: 27 };

/** Mean absolute difference over the pixels where `select(x, y)` holds. */
function meanDifference(a: Uint8Array, b: Uint8Array, select: (x: number, y: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!select(x, y)) continue;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c] - b[i + c]);
      count += 3;
    }
  }
  return sum / count;
}

function inBox(x: number, y: number, box: Box, shift = 0): boolean {
  return x >= box.x0 + shift && x < box.x1 + shift && y >= box.y0 && y < box.y1;
}

/** Command lines of running ffmpeg processes that work on this job's files. */
function ffmpegProcessesOf(id: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('ffmpeg') && line.includes(id));
}

async function submit(url: string, fields: Record<string, Uint8Array | string | undefined>): Promise<Status> {
  const response = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(fields) });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as Status;
}

async function statusOf(url: string, id: string): Promise<Status> {
  return (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as Status;
}

async function refusal(url: string, fields: Record<string, Uint8Array | string | undefined>) {
  return errorOf(await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(fields) }));
}

describe('video jobs', () => {
  let clip: Buffer;
  let maskPng: Buffer;
  /** What the server decodes of the clip: the reference for known pixels (the upload is lossy already). */
  let clipDecoded: Uint8Array[];

  beforeAll(async () => {
    clip = await encodeClip({ width, height, frames }, (i) => clipFrame(width, height, i, object));
    maskPng = await makeBoxMask(width, height, hole);
    clipDecoded = await decodeClip(clip, width, height);
    expect(clipDecoded).toHaveLength(frames);
  });

  it('video + mask image: per-frame progress events, done, an mp4 of every frame whose known pixels match the input', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const submitted = await submit(url, { video: clip, mask: maskPng, method: 'per-frame' });
    expect(submitted).toMatchObject({ kind: 'video', method: 'per-frame' });
    const events = await readEvents(await fetch(`${url}/api/v1/jobs/${submitted.id}/events`));
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { state: 'done', kind: 'video', resultUrl: `/api/v1/jobs/${submitted.id}/result` } });
    const stages = events.filter((e) => e.event === 'progress').map((e) => e.data.stage);
    // The stream may open after the first frames: the last ones are always seen.
    expect(stages).toContain(`frame ${frames}/${frames}`);
    const fractions = events.filter((e) => e.event === 'progress').map((e) => e.data.fraction as number);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);

    const result = await fetch(`${url}/api/v1/jobs/${submitted.id}/result`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('video/mp4');
    expect(result.headers.get('content-disposition')).toContain('.mp4');
    const output = await decodeClip(new Uint8Array(await result.arrayBuffer()), width, height);
    expect(output).toHaveLength(frames);
    for (let i = 0; i < frames; i++) {
      // Known pixels: only the result's encoding (lossy) differs.
      expect(meanDifference(output[i], clipDecoded[i], (x, y) => !inBox(x, y, hole)), `frame ${i} known`).toBeLessThan(3);
      // The hole: the dark square is gone, and telea's fill of the gradient comes close to the background.
      const clean = clipFrame(width, height, i);
      expect(meanDifference(clipDecoded[i], clean, (x, y) => inBox(x, y, object)), `frame ${i} object in the input`).toBeGreaterThan(60);
      expect(meanDifference(output[i], clean, (x, y) => inBox(x, y, hole)), `frame ${i} hole`).toBeLessThan(25);
    }
    // Only the result is kept: the uploads are gone once the work has ended.
    expect(await readdir(join(resultsRoot, submitted.id))).toEqual(['result.mp4']);

    // One byte range, as a player seeking or a resumed download asks for it.
    const whole = new Uint8Array(await (await fetch(`${url}/api/v1/jobs/${submitted.id}/result`)).arrayBuffer());
    expect(result.headers.get('accept-ranges')).toBe('bytes');
    const part = await fetch(`${url}/api/v1/jobs/${submitted.id}/result`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(whole.subarray(100, 200));
    const outside = await errorOf(await fetch(`${url}/api/v1/jobs/${submitted.id}/result`, { headers: { range: `bytes=${whole.length}-` } }));
    expect(outside).toMatchObject({ status: 416, error: { code: 'range_not_satisfiable' } });
  });

  // internal optimises a network on the clip for minutes with its defaults: its own tests run it on a
  // small budget. A video network needs weights this server was not started with (the contract test
  // runs each through inpaintVideo).
  it.each(videoMethods.filter((m) => !m.needsWeights).map((m) => m.id).filter((id) => id !== 'internal'))('%s with its defaults: done, every frame, known pixels kept, the object gone', async (method) => {
    const { url } = await startServer();
    const { id } = await submit(url, { video: clip, mask: maskPng, method });
    await waitFor(async () => !['queued', 'running'].includes((await statusOf(url, id)).state), 30_000);
    expect((await statusOf(url, id)).state).toBe('done');
    const output = await decodeClip(new Uint8Array(await (await fetch(`${url}/api/v1/jobs/${id}/result`)).arrayBuffer()), width, height);
    expect(output).toHaveLength(frames);
    for (let i = 0; i < frames; i++) {
      expect(meanDifference(output[i], clipDecoded[i], (x, y) => !inBox(x, y, hole)), `frame ${i} known`).toBeLessThan(3);
      expect(meanDifference(output[i], clipFrame(width, height, i), (x, y) => inBox(x, y, object)), `frame ${i} object`).toBeLessThan(40);
    }
  });

  it('a mask video: each frame gets its own (moving) hole', async () => {
    const { url } = await startServer();
    const maskVideo = await encodeClip({ width, height, frames }, (i) => maskClipFrame(width, height, i, hole));
    const { id } = await submit(url, { video: clip, mask: maskVideo, method: 'per-frame', options: '{"imageMethod": "telea"}' });
    await waitFor(async () => ['done', 'failed'].includes((await statusOf(url, id)).state), 20_000);
    expect((await statusOf(url, id)).state).toBe('done');
    const output = await decodeClip(new Uint8Array(await (await fetch(`${url}/api/v1/jobs/${id}/result`)).arrayBuffer()), width, height);
    expect(output).toHaveLength(frames);
    // Away from the moving box (one pixel of margin for the mask video's own lossy edges), the input comes back.
    const awayFromHole = (i: number) => (x: number, y: number) => !(x >= hole.x0 + 2 * i - 1 && x < hole.x1 + 2 * i + 1 && y >= hole.y0 - 1 && y < hole.y1 + 1);
    for (let i = 0; i < frames; i++) expect(meanDifference(output[i], clipDecoded[i], awayFromHole(i)), `frame ${i}`).toBeLessThan(3);
  });

  it.each([
    ['per-frame', '{"imageMethod": "patchmatch"}'],
    ['propagate', '{}'],
  ])('DELETE stops a running %s job: cancelled, no mp4 and no temporary file, no ffmpeg left, the job folder gone', async (method, options) => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const big = { width: 160, height: 120 };
    const slowClip = await encodeClip({ ...big, frames: 40 }, (i) => clipFrame(big.width, big.height, i));
    const bigMask = await makeBoxMask(big.width, big.height, { x0: 40, y0: 30, x1: 120, y1: 90 });
    const { id } = await submit(url, { video: slowClip, mask: bigMask, method, options });
    const events = fetch(`${url}/api/v1/jobs/${id}/events`).then(readEvents);
    await waitFor(async () => (await statusOf(url, id)).state === 'running', 20_000);
    // Well into the work (propagate reads a whole window before its first frame comes out).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = Date.now();
    const cancelled = await fetch(`${url}/api/v1/jobs/${id}`, { method: 'DELETE' });
    expect(((await cancelled.json()) as Status).state).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(3000);
    expect((await events).at(-1)?.event).toBe('cancelled');
    const { status } = await errorOf(await fetch(`${url}/api/v1/jobs/${id}/result`));
    expect(status).toBe(409);
    expect(await readdir(resultsRoot)).toEqual([]);
    // DELETE answered once the work had stopped: the decoder and the encoder are gone, not left blocked on a pipe.
    expect(ffmpegProcessesOf(id)).toEqual([]);
  });

  it('past the time limit: failed with time_limit, nothing left', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot, limits: { jobTimeLimitMs: 150 } });
    const big = { width: 160, height: 120 };
    const slowClip = await encodeClip({ ...big, frames: 40 }, (i) => clipFrame(big.width, big.height, i));
    const bigMask = await makeBoxMask(big.width, big.height, { x0: 40, y0: 30, x1: 120, y1: 90 });
    const { id } = await submit(url, { video: slowClip, mask: bigMask, method: 'per-frame', options: '{"imageMethod": "patchmatch"}' });
    await waitFor(async () => !['queued', 'running'].includes((await statusOf(url, id)).state), 20_000);
    expect((await statusOf(url, id)).error?.code).toBe('time_limit');
    expect(await readdir(resultsRoot)).toEqual([]);
    expect(ffmpegProcessesOf(id)).toEqual([]);
  });

  it('too long: more frames than maxVideoFrames, or (webm, frames counted) more seconds than maxVideoSeconds: 422 naming video', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot, limits: { maxVideoFrames: 4 } });
    const byFrames = await refusal(url, { video: clip, mask: maskPng });
    expect(byFrames).toMatchObject({ status: 422, error: { code: 'video_too_long', field: 'video', received: '8 frames, 1 s' } });

    const webm = await encodeClip({ width, height, frames, fps: 4, container: 'webm' }, (i) => clipFrame(width, height, i));
    const other = await startServer({ resultsRoot, limits: { maxVideoSeconds: 1 } });
    const bySeconds = await refusal(other.url, { video: webm, mask: maskPng });
    expect(bySeconds).toMatchObject({ status: 422, error: { code: 'video_too_long', field: 'video', received: '8 frames, 2 s' } });
    // Refused uploads leave nothing behind.
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('frames over the pixel limit: 422 naming video', async () => {
    const { url } = await startServer({ limits: { maxPixels: 1000 } });
    expect(await refusal(url, { video: clip, mask: maskPng })).toMatchObject({ status: 422, error: { code: 'too_many_pixels', field: 'video' } });
  });

  it('an upload over the size limit: 413 naming video, and what had arrived of it is removed', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot, limits: { maxUploadBytes: 1000 } });
    expect(clip.length).toBeGreaterThan(1000);
    expect(await refusal(url, { video: clip, mask: maskPng })).toMatchObject({ status: 413, error: { code: 'upload_too_large', field: 'video' } });
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('a video in an image job (kind=image): 400 naming video, the saved upload removed', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const refused = await refusal(url, { kind: 'image', video: clip, mask: maskPng, method: 'telea' });
    expect(refused).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'video' } });
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('an image method, an unknown one, or a bad option: 400 naming method or the option', async () => {
    const { url } = await startServer();
    const imageMethod = await refusal(url, { video: clip, mask: maskPng, method: 'telea' });
    expect(imageMethod).toMatchObject({ status: 400, error: { code: 'unknown_method', field: 'method', received: 'telea' } });
    expect(imageMethod.error.expected).toContain('per-frame');
    const badOption = await refusal(url, { video: clip, mask: maskPng, method: 'per-frame', options: '{"imageMethod": "blur"}' });
    expect(badOption).toMatchObject({ status: 400, error: { code: 'invalid_option', field: 'per-frame option imageMethod', received: 'blur' } });
    const networkWithoutWeights = await refusal(url, { video: clip, mask: maskPng, method: 'per-frame', options: '{"imageMethod": "deepfillv2"}' });
    expect(networkWithoutWeights).toMatchObject({ status: 400, error: { code: 'invalid_option', field: 'per-frame option imageMethod', received: 'deepfillv2' } });
  });

  it('not a video (text, audio only, a still PNG), no mask, a mask of another size or length: 400 naming the field', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const text = await refusal(url, { video: new TextEncoder().encode('hello, not a video'), mask: maskPng });
    expect(text).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'video' } });
    expect(text.error.message).not.toContain(resultsRoot);
    const audio = await refusal(url, { video: await encodeTone(), mask: maskPng });
    expect(audio).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'video', received: 'a file without a video stream' } });
    const still = await refusal(url, { video: (await makeImage(width, height)).png, mask: maskPng });
    expect(still).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'video', received: 'a still image (png)' } });
    expect(await refusal(url, { video: clip })).toMatchObject({ status: 400, error: { field: 'mask' } });
    const smallMask = await makeBoxMask(32, 24, { x0: 2, y0: 2, x1: 8, y1: 8 });
    expect(await refusal(url, { video: clip, mask: smallMask })).toMatchObject({ status: 400, error: { code: 'size_mismatch', field: 'mask' } });
    const shortMask = await encodeClip({ width, height, frames: 5 }, (i) => maskClipFrame(width, height, i, hole));
    expect(await refusal(url, { video: clip, mask: shortMask })).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'mask', received: '5 frames' } });
    expect(await readdir(resultsRoot)).toEqual([]);
  });

  it('an MPEG-TS clip (its frames counted from the packets) is done, with every frame', async () => {
    const { url } = await startServer();
    const ts = await encodeClip({ width, height, frames, container: 'ts' }, (i) => clipFrame(width, height, i, object));
    const { id } = await submit(url, { video: ts, mask: maskPng, method: 'per-frame', options: '{"imageMethod": "telea"}' });
    await waitFor(async () => !['queued', 'running'].includes((await statusOf(url, id)).state), 30_000);
    expect(await statusOf(url, id)).toMatchObject({ state: 'done' });
    const result = new Uint8Array(await (await fetch(`${url}/api/v1/jobs/${id}/result`)).arrayBuffer());
    expect(await decodeClip(result, width, height)).toHaveLength(frames);
  });

  it('a mask video cut short (its header promises every frame): failed, and the error tells neither server paths nor ffmpeg\'s words', async () => {
    const resultsRoot = await tempFolder();
    const { url } = await startServer({ resultsRoot });
    const whole = await encodeClip({ width, height, frames, faststart: true }, (i) => maskClipFrame(width, height, i, hole));
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    const { id } = await submit(url, { video: clip, mask: cut, method: 'per-frame', options: '{"imageMethod": "telea"}' });
    await waitFor(async () => !['queued', 'running'].includes((await statusOf(url, id)).state), 30_000);
    const status = await statusOf(url, id);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'invalid_input', field: 'video' } });
    const told = JSON.stringify(status.error);
    expect(told).not.toContain(resultsRoot);
    expect(told).not.toMatch(/ffmpeg|@ 0x|\.mkv|\.mp4/);
  });

  it('an HLS playlist naming a file of the server: 400, the same answer whether that file exists or not', async () => {
    const dir = await tempFolder();
    const local = join(dir, 'local.ts');
    await writeFile(local, await encodeClip({ width, height, frames, container: 'ts' }, (i) => clipFrame(width, height, i)));
    const playlist = (segment: string): Uint8Array =>
      new TextEncoder().encode(`#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n${segment}\n#EXT-X-ENDLIST\n`);
    const { url } = await startServer();
    const exists = await refusal(url, { video: playlist(local), mask: maskPng, method: 'per-frame' });
    const missing = await refusal(url, { video: playlist(join(dir, 'missing.ts')), mask: maskPng, method: 'per-frame' });
    expect(exists).toMatchObject({ status: 400, error: { code: 'invalid_input', field: 'video' } });
    expect(exists).toEqual(missing);
  });
});
