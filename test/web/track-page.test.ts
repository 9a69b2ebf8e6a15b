import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../server/helpers.js';
import { decodeClip, encodeClip, movingBox, movingObjectFrame, redLeftInObject } from '../server/video-clips.js';
import { chromiumPath, skipBrowser, webRoot } from './browser.js';
import { canvasPixels, screenshot } from './page-helpers.js';
import { buildPageAndServe, useServedPage } from './test-server.js';

if (skipBrowser) console.warn(`track page tests skipped: ${chromiumPath} is missing (apt-get install chromium)`);

const width = 96;
const height = 64;
const frames = 10;
const object: Box = { x0: 20, y0: 20, x1: 44, y1: 40 };

/** IoU of the frame editor's mask overlay (alpha at or above 50%) with a box. */
async function overlayIoU(page: Page, box: Box): Promise<number> {
  const { data } = await canvasPixels(page, 'video-frame-mask');
  let both = 0;
  let either = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = data[(y * width + x) * 4 + 3] >= 128;
      const b = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
      if (a && b) both++;
      if (a || b) either++;
    }
  }
  return either === 0 ? 1 : both / either;
}

async function goToFrame(page: Page, index: number): Promise<void> {
  await page.locator('#video-frame-slider').fill(String(index));
  await expect.poll(() => page.locator('#video-frame-number').textContent()).toBe(String(index + 1));
}

describe.skipIf(skipBrowser)('video mode: select on a frame, track through the clip, fill', () => {
  const served = useServedPage(buildPageAndServe, webRoot);
  let clip: Buffer;

  beforeAll(async () => {
    clip = await encodeClip({ width, height, frames }, (i) => movingObjectFrame(width, height, i, object));
  });

  it('a click selects the object on frame 1; Track shows it followed on every frame; the run takes those masks', async () => {
    const { page, server } = served;
    await page.goto(`${server.url}#video`);
    await page.locator('#video-input').setInputFiles({ name: 'moving.mp4', mimeType: 'video/mp4', buffer: clip });
    await page.locator('#video-frame-figure').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#video-frame-count').textContent()).toBe(String(frames));
    expect(await page.locator('#video-track').isDisabled()).toBe(true);
    expect(await page.locator('#video-run').isDisabled()).toBe(true);

    await page.locator('#video-tool-select').click();
    const box = (await page.locator('#video-frame-box').boundingBox())!;
    await page.mouse.click(box.x + (32.5 / width) * box.width, box.y + (30.5 / height) * box.height);
    await page.locator('#video-status', { hasText: /^Added the object/ }).waitFor();
    expect(await overlayIoU(page, object)).toBeGreaterThan(0.85);
    expect(await page.locator('#video-frame-kind').textContent()).toContain('key frame');
    await screenshot(page, 'track-1-selected');

    // Before tracking, another frame has no mask, and the run asks for a track.
    await goToFrame(page, 6);
    expect(await page.locator('#video-frame-kind').textContent()).toContain('no mask');
    await page.locator('#video-run').click();
    expect(await page.locator('#video-status').textContent()).toMatch(/^Press Track first/);

    await page.locator('#video-track').click();
    await page.locator('#video-status[data-kind="ok"]', { hasText: /^Tracked 10 frames/ }).waitFor({ timeout: 30_000 });
    for (const frame of [6, 9, 3]) {
      await goToFrame(page, frame);
      expect(await page.locator('#video-frame-kind').textContent()).toContain('tracked');
      expect(await overlayIoU(page, movingBox(object, frame)), `frame ${frame}`).toBeGreaterThan(0.75);
    }
    await goToFrame(page, 9);
    await screenshot(page, 'track-2-tracked');

    await page.locator('#video-method').selectOption('per-frame');
    await page.locator('#video-run').click();
    await page.locator('#video-status[data-kind="ok"]', { hasText: /^Done in/ }).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#video-download').click()]);
    const output = await decodeClip(await readFile((await download.path())!), width, height);
    expect(output).toHaveLength(frames);
    for (let i = 0; i < frames; i++) {
      const { red, area } = redLeftInObject(output[i], width, i, object);
      expect(red, `red pixels left in frame ${i}`).toBeLessThan(area / 20);
    }
    await page.waitForTimeout(1000);
    await screenshot(page, 'track-3-done');
  });
});
