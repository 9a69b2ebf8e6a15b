import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';

/** Set INPAINT_WEB_SHOTS=/some/folder to keep screenshots of the page's main states there. */
const shotsFolder = process.env.INPAINT_WEB_SHOTS;

/** A test picture: a smooth gradient crossed by thin diagonal stripes, which a smooth fill cannot recreate. */
export async function stripedPicture(width: number, height: number): Promise<{ png: Buffer; rgba: Uint8Array }> {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const stripe = (x + y) % 12 < 3;
      rgba[p] = stripe ? 30 : Math.round((200 * x) / width) + 40;
      rgba[p + 1] = stripe ? 40 : Math.round((160 * y) / height) + 60;
      rgba[p + 2] = stripe ? 90 : 150;
      rgba[p + 3] = 255;
    }
  }
  const png = await sharp(Buffer.from(rgba), { raw: { width, height, channels: 4 } }).removeAlpha().png().toBuffer();
  return { png, rgba };
}

/** A canvas's RGBA pixels, as the page holds them (sent as base64: a JSON array of numbers is slow). */
export async function canvasPixels(page: Page, id: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { width, height, base64 } = await page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const { data } = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, id);
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}

/** Hole pixels of the mask overlay: alpha at or above 50%, as the page exports it. */
export async function maskHoles(page: Page): Promise<Uint8Array> {
  const { data } = await canvasPixels(page, 'mask-canvas');
  const holes = new Uint8Array(data.length / 4);
  for (let i = 0; i < holes.length; i++) holes[i] = data[i * 4 + 3] >= 128 ? 1 : 0;
  return holes;
}

/** Bytes that differ between two pixel arrays of the same length (vitest's deep equality is slow on large arrays). */
export function differingBytes(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
  return differing;
}

export function count(values: Uint8Array): number {
  return values.reduce((sum, v) => sum + v, 0);
}

/** Drags the mouse across the picture, from and to fractions of its displayed size. */
export async function paintStroke(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.locator('#canvas-box').boundingBox())!;
  await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + to[0] * box.width, box.y + to[1] * box.height, { steps: 12 });
  await page.mouse.up();
}

export async function openPicture(page: Page, png: Buffer, name = 'striped.png'): Promise<void> {
  await page.locator('#image-input').setInputFiles({ name, mimeType: 'image/png', buffer: png });
  await page.locator('#canvas-box').waitFor({ state: 'visible' });
}

export async function chooseMethod(page: Page, id: string): Promise<void> {
  await page.locator('#method').selectOption(id);
}

export async function runAndWaitForResult(page: Page): Promise<void> {
  await page.locator('#run').click();
  await page.locator('#status[data-kind="ok"]', { hasText: /^Done in/ }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!shotsFolder) return;
  await mkdir(shotsFolder, { recursive: true });
  await page.screenshot({ path: join(shotsFolder, `${name}.png`) });
}

/** Pixels whose colour differs between before and after, inside the hole and outside it. */
export function changedPixels(before: Uint8Array, after: Uint8Array, holes: Uint8Array): { inside: number; outside: number } {
  let inside = 0;
  let outside = 0;
  for (let i = 0; i < holes.length; i++) {
    const p = i * 4;
    const changed = after[p] !== before[p] || after[p + 1] !== before[p + 1] || after[p + 2] !== before[p + 2];
    if (changed && holes[i]) inside++;
    if (changed && !holes[i]) outside++;
  }
  return { inside, outside };
}
