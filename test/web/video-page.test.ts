import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoMethods } from '../../src/methods.js';
import { makeBoxMask, type Box } from '../server/helpers.js';
import { clipFrame, decodeClip, encodeClip, maskClipFrame } from '../server/video-clips.js';
import { chromiumPath, launchFreshBrowser, type FreshBrowser, skipBrowser, webRoot } from './browser.js';
import { buildPageAndServe, type TestServer } from './test-server.js';

/** Set INPAINT_WEB_SHOTS=/some/folder to keep screenshots of the video states there. */
const shotsFolder = process.env.INPAINT_WEB_SHOTS;

if (skipBrowser) console.warn(`video page tests skipped: ${chromiumPath} is missing (apt-get install chromium)`);

const width = 64;
const height = 48;
const frames = 8;
const hole: Box = { x0: 20, y0: 14, x1: 36, y1: 30 };
/** A dark square inside the hole: the object to remove, so the screenshots show the fill. */
const object: Box = { x0: 23, y0: 17, x1: 33, y1: 27 };

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shotsFolder) return;
  await mkdir(shotsFolder, { recursive: true });
  // Chromium's players fade their loading spinner out for a while after the data is there.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(shotsFolder, `${name}.png`) });
}

/** Every text the status line shows from now on, recorded in the page (progress moves faster than polling). */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const status = document.getElementById('video-status')!;
    const seen: string[] = [];
    (window as unknown as { statusSeen: string[] }).statusSeen = seen;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
}

async function statusSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
}

/** The player's state once it can play (HAVE_ENOUGH_DATA: the whole clip is in its blob). */
async function loadedVideo(page: Page, id: string): Promise<{ width: number; height: number; duration: number }> {
  const video = page.locator(`#${id}`);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 }).toBe(4);
  return video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight, duration: v.duration }));
}

function meanKnownDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= hole.x0 && x < hole.x1 && y >= hole.y0 && y < hole.y1) continue;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c] - b[i + c]);
      count += 3;
    }
  }
  return sum / count;
}

describe.skipIf(skipBrowser)('video mode of the web page in headless chromium', () => {
  let server: TestServer;
  let browser: FreshBrowser;
  let page: Page;
  let clip: Buffer;
  let maskPng: Buffer;

  beforeAll(async () => {
    [server, browser, clip, maskPng] = await Promise.all([
      buildPageAndServe(webRoot),
      launchFreshBrowser(),
      encodeClip({ width, height, frames }, (i) => clipFrame(width, height, i, object)),
      makeBoxMask(width, height, hole),
    ]);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('#video opens video mode: the video methods and their option fields come from the server schemas; run waits for a clip and a mask', async () => {
    await page.goto(`${server.url}#video`);
    // A server started without weights offers the video methods that need none.
    await expect.poll(() => page.locator('#video-method option').allTextContents()).toEqual(videoMethods.filter((m) => !m.needsWeights).map((m) => m.id));
    expect(await page.locator('#video-mode').isVisible()).toBe(true);
    expect(await page.locator('#image-mode').isVisible()).toBe(false);
    expect(await page.locator('#mode-video').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('#video-run').isDisabled()).toBe(true);
    const defaultMethod = videoMethods[0];
    expect(await page.locator('#video-method').inputValue()).toBe(defaultMethod.id);
    // Weights are the server's own (serve --weights), never a field of the page.
    for (const option of Object.keys(defaultMethod.options.shape).filter((name) => name !== 'weights')) {
      expect(await page.locator(`#option-${defaultMethod.id}-${option}`).count(), option).toBe(1);
    }
    await screenshot(page, 'video-1-empty');
    await page.locator('#video-method').selectOption('per-frame');
    expect(await page.locator('#option-per-frame-imageMethod option').allTextContents()).toEqual(['patchmatch', 'telea']);
    // The switch goes both ways, and the image mode keeps its own methods.
    await page.locator('#mode-image').click();
    expect(await page.locator('#image-mode').isVisible()).toBe(true);
    expect(await page.locator('#method option').allTextContents()).not.toContain('per-frame');
    await page.locator('#mode-video').click();
    expect(await page.locator('#video-mode').isVisible()).toBe(true);
  });

  it('clip + mask image: runs with per-frame progress, the result plays in a <video>, the download is that mp4', async () => {
    await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip });
    await expect.poll(() => page.locator('#video-name').textContent()).toContain(`${width}×${height}`);
    await page.locator('#video-mask-input').setInputFiles({ name: 'hole.png', mimeType: 'image/png', buffer: maskPng });
    expect(await page.locator('#video-mask-image').isVisible()).toBe(true);
    expect(await page.locator('#video-mask-name').textContent()).toContain('the same hole in every frame');
    await loadedVideo(page, 'video-preview');
    await screenshot(page, 'video-2-ready');

    await recordStatus(page);
    await page.locator('#video-run').click();
    await page.locator('#video-status[data-kind="ok"]', { hasText: /^Done in/ }).waitFor({ timeout: 30_000 });
    expect((await statusSeen(page)).some((text) => /^Frame \d+\/8: \d+%$/.test(text))).toBe(true);
    const played = await loadedVideo(page, 'video-result');
    expect(played).toMatchObject({ width, height });
    expect(played.duration).toBeCloseTo(frames / 8, 1);
    await screenshot(page, 'video-3-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#video-download').click()]);
    expect(download.suggestedFilename()).toBe('clip-per-frame.mp4');
    const output = await decodeClip(await readFile((await download.path())!), width, height);
    const input = await decodeClip(clip, width, height);
    expect(output).toHaveLength(frames);
    for (let i = 0; i < frames; i++) expect(meanKnownDifference(output[i], input[i]), `frame ${i}`).toBeLessThan(3);
  });

  it('a mask video is shown as a video and accepted', async () => {
    const maskVideo = await encodeClip({ width, height, frames }, (i) => maskClipFrame(width, height, i, hole));
    await page.locator('#video-mask-input').setInputFiles({ name: 'moving-hole.mp4', mimeType: 'video/mp4', buffer: maskVideo });
    expect(await page.locator('#video-mask-video').isVisible()).toBe(true);
    expect(await page.locator('#video-mask-image').isVisible()).toBe(false);
    // A new mask drops the old result: what is shown always belongs to the inputs shown.
    expect(await page.locator('#video-result-figure').isVisible()).toBe(false);
    expect(await page.locator('#video-download').getAttribute('aria-disabled')).toBe('true');
    await page.locator('#video-run').click();
    await page.locator('#video-status[data-kind="ok"]', { hasText: /^Done in/ }).waitFor({ timeout: 30_000 });
    expect(await loadedVideo(page, 'video-result')).toMatchObject({ width, height });
  });

  it('cancel: a slow job (patchmatch on every frame, chosen in the generated form) stops, and no result is shown', async () => {
    const big = { width: 160, height: 120 };
    const slowClip = await encodeClip({ ...big, frames: 40 }, (i) => clipFrame(big.width, big.height, i));
    await page.locator('#video-input').setInputFiles({ name: 'slow.mp4', mimeType: 'video/mp4', buffer: slowClip });
    const bigMask = await makeBoxMask(big.width, big.height, { x0: 40, y0: 30, x1: 120, y1: 90 });
    await page.locator('#video-mask-input').setInputFiles({ name: 'big-hole.png', mimeType: 'image/png', buffer: bigMask });
    await page.locator('#option-per-frame-imageMethod').selectOption('patchmatch');
    await page.locator('#video-run').click();
    await page.locator('#video-status', { hasText: /^Frame / }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#video-cancel').isEnabled()).toBe(true);
    await screenshot(page, 'video-4-running');
    await page.locator('#video-cancel').click();
    await page.locator('#video-status', { hasText: /^Cancelled\.$/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#video-result-figure').isVisible()).toBe(false);
    expect(await page.locator('#video-download').getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#video-run').isEnabled()).toBe(true);
    await page.locator('#option-per-frame-imageMethod').selectOption('telea');
  });

  it("the server's refusal (a mask of another size) is shown as it words it", async () => {
    await page.locator('#video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip });
    const smallMask = await makeBoxMask(32, 24, { x0: 2, y0: 2, x1: 10, y1: 10 });
    await page.locator('#video-mask-input').setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: smallMask });
    await page.locator('#video-run').click();
    const error = page.locator('#video-status[data-kind="error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/mask size.*64x48.*32x24/);
    await screenshot(page, 'video-5-refused');
  });
});
