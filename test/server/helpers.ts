import sharp from 'sharp';
import { afterEach, expect } from 'vitest';
import { createServer } from '../../src/server/app.js';
import type { ServerConfigInput } from '../../src/server/config.js';

export interface RunningServer {
  /** Base address without a trailing slash: `http://127.0.0.1:PORT`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts real servers on loopback (any free port), each closed after its test. */
export function useServers(): (config?: ServerConfigInput) => Promise<RunningServer> {
  const started: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (config = {}) => {
    const app = await createServer({ webRoot: '/nonexistent-inpaint-web-root', ...config });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const server = { url: address, close: () => app.close() };
    started.push(server);
    return server;
  };
}

/** A picture with structure, different for each seed: raw RGB and its PNG. */
export async function makeImage(width: number, height: number, seed = 0): Promise<{ rgb: Uint8Array; png: Buffer }> {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = (x * 5 + seed * 37) % 256;
      rgb[i + 1] = (y * 7 + seed * 61) % 256;
      rgb[i + 2] = ((x + y) * 3 + seed * 13) % 256;
    }
  }
  return { rgb, png: await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer() };
}

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A black and white mask PNG, white box [x0, x1) x [y0, y1) = hole. */
export async function makeBoxMask(width: number, height: number, box: Box): Promise<Buffer> {
  const data = new Uint8Array(width * height);
  for (let y = box.y0; y < box.y1; y++) data.fill(255, y * width + box.x0, y * width + box.x1);
  return sharp(data, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

export function inBox(x: number, y: number, box: Box): boolean {
  return x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
}

/** A multipart form: files are PNG bytes, texts are strings. */
export function form(fields: Record<string, Uint8Array | string | undefined>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, new Blob([new Uint8Array(value)], { type: 'image/png' }), `${name}.png`);
  }
  return body;
}

/** RGB pixels of a PNG answer. */
export async function decodeRgb(bytes: ArrayBuffer | Uint8Array): Promise<{ width: number; height: number; rgb: Uint8Array }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/** Every known pixel (outside `box`) of `output` equals `input`'s; the count of hole pixels that changed. */
export function compareOutsideBox(input: Uint8Array, output: Uint8Array, width: number, height: number, box: Box): { knownDiffering: number; holeChanged: number } {
  let knownDiffering = 0;
  let holeChanged = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const same = input[i] === output[i] && input[i + 1] === output[i + 1] && input[i + 2] === output[i + 2];
      if (inBox(x, y, box)) holeChanged += same ? 0 : 1;
      else knownDiffering += same ? 0 : 1;
    }
  }
  return { knownDiffering, holeChanged };
}

export interface ErrorAnswer {
  readonly status: number;
  readonly error: { code: string; message: string; field?: string; expected?: string; received?: unknown };
}

/** The status and JSON error body of an answer expected to be an error. */
export async function errorOf(response: Response): Promise<ErrorAnswer> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: ErrorAnswer['error'] };
  return { status: response.status, error: body.error };
}

/** A server-sent event as the job events stream sends it. */
export interface StreamedEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads a whole event stream (until the server closes it) into its events. */
export async function readEvents(response: Response): Promise<StreamedEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: '))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, data: data ? (JSON.parse(data) as Record<string, unknown>) : {} };
    });
}

/** Waits until `check` is true, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
