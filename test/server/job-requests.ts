import { expect } from 'vitest';
import { form, makeBoxMask, makeImage, waitFor, type Box } from './helpers.js';

/** A job's status as the tests read it. */
export interface Status {
  id: string;
  state: string;
  progress: number;
  error?: { code: string; message: string };
  resultUrl?: string;
  expiresAt?: string;
}

export const smallBox: Box = { x0: 12, y0: 10, x1: 30, y1: 22 };

export async function quickJobFields(seed = 0) {
  const image = await makeImage(48, 36, seed);
  return { image, fields: { image: image.png, mask: await makeBoxMask(48, 36, smallBox), method: 'telea' } };
}

/** A patchmatch job that runs for seconds unless stopped: a large hole and many iterations. */
export async function slowJobFields() {
  const image = await makeImage(256, 256, 5);
  const mask = await makeBoxMask(256, 256, { x0: 50, y0: 50, x1: 200, y1: 200 });
  return { image: image.png, mask, method: 'patchmatch', options: '{"iterations": 50}' };
}

export async function submit(url: string, fields: Record<string, Uint8Array | string | undefined>): Promise<Status> {
  const response = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(fields) });
  expect(response.status).toBe(202);
  const status = (await response.json()) as Status;
  expect(response.headers.get('location')).toBe(`/api/v1/jobs/${status.id}`);
  return status;
}

export async function statusOf(url: string, id: string): Promise<Status> {
  const response = await fetch(`${url}/api/v1/jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Status;
}

export async function untilEnded(url: string, id: string, timeoutMs = 20_000): Promise<Status> {
  let status = await statusOf(url, id);
  await waitFor(async () => {
    status = await statusOf(url, id);
    return !['queued', 'running'].includes(status.state);
  }, timeoutMs);
  return status;
}
