import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../src/methods.js';
import { chromiumPath, launchFreshBrowser, type FreshBrowser, skipBrowser, webRoot } from './browser.js';
import {
  canvasPixels,
  changedPixels,
  chooseMethod,
  count,
  differingBytes,
  maskHoles,
  openPicture,
  paintStroke,
  runAndWaitForResult,
  screenshot,
  stripedPicture,
} from './page-helpers.js';
import { buildPageAndServe, type TestServer } from './test-server.js';

if (skipBrowser) {
  console.warn(`web page tests skipped: ${chromiumPath} is missing (install Debian's chromium: apt-get install chromium)`);
}

describe.skipIf(skipBrowser)('web page in headless chromium', () => {
  let server: TestServer;
  let browser: FreshBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([buildPageAndServe(webRoot), launchFreshBrowser()]);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens empty, with the methods and option fields generated from the server schemas', async () => {
    await page.goto(server.url);
    // A server started without weights offers the methods that need none.
    await expect.poll(() => page.locator('#method option').allTextContents()).toEqual(methods.filter((m) => !m.needsWeights).map((m) => m.id));
    expect(await page.locator('#empty-state').isVisible()).toBe(true);
    expect(await page.locator('#run').isDisabled()).toBe(true);

    await chooseMethod(page, 'telea');
    const radius = page.locator('#option-telea-radius');
    expect(await radius.evaluate((input: HTMLInputElement) => [input.type, input.min, input.max, input.step, input.value])).toEqual([
      'number',
      '1',
      '64',
      '1',
      '3',
    ]);
    expect(await page.locator('#option-telea-radius-help').textContent()).toContain('Radius in pixels');
    // Image mode by default; video mode (test/web/video-page.test.ts) is one click away.
    expect(await page.locator('#mode-image').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('#mode-video').isEnabled()).toBe(true);
    expect(await page.locator('#video-mode').isVisible()).toBe(false);
    await screenshot(page, '1-empty');
  });

  it('telea on a painted stroke: the shown result changes inside the stroke and nowhere else; undo; download', async () => {
    const width = 192;
    const height = 144;
    const picture = await stripedPicture(width, height);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await paintStroke(page, [0.3, 0.35], [0.7, 0.65]);
    const holes = await maskHoles(page);
    expect(count(holes)).toBeGreaterThan(500);
    await chooseMethod(page, 'telea');
    await screenshot(page, '2-stroke-painted');

    await runAndWaitForResult(page);
    expect(await page.locator('#after-canvas').isVisible()).toBe(true);
    const before = await canvasPixels(page, 'before-canvas');
    const after = await canvasPixels(page, 'after-canvas');
    expect([after.width, after.height]).toEqual([width, height]);
    expect(differingBytes(before.data, picture.rgba)).toBe(0);
    const changed = changedPixels(before.data, after.data, holes);
    expect(changed.outside).toBe(0);
    expect(changed.inside).toBeGreaterThan(count(holes) / 2);
    await page.locator('#compare-slider').fill('350');
    await screenshot(page, '4-before-after');

    await page.locator('#undo').click();
    expect(count(await maskHoles(page))).toBe(0);
    expect(await page.locator('#undo').isDisabled()).toBe(true);
    expect(await page.locator('#redo').isEnabled()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('striped-telea.png');
    const file = await readFile((await download.path())!);
    const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect((await sharp(file).metadata()).format).toBe('png');
    expect([info.width, info.height]).toEqual([width, height]);
    expect(differingBytes(new Uint8Array(data), after.data)).toBe(0);
  });

  it('redo brings the undone stroke back pixel for pixel, and clear empties the mask', async () => {
    const picture = await stripedPicture(120, 90);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await paintStroke(page, [0.2, 0.2], [0.8, 0.5]);
    await page.locator('#tool-eraser').click();
    await paintStroke(page, [0.5, 0.1], [0.5, 0.9]);
    const painted = await canvasPixels(page, 'mask-canvas');
    await page.locator('#undo').click();
    await page.locator('#undo').click();
    expect(count(await maskHoles(page))).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await page.locator('#redo').click();
    expect(differingBytes((await canvasPixels(page, 'mask-canvas')).data, painted.data)).toBe(0);
    await page.locator('#clear-mask').click();
    expect(count(await maskHoles(page))).toBe(0);
  });

  it('apply makes the result the image, a second run fills from it, and undo brings the first image back', async () => {
    const picture = await stripedPicture(160, 120);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await chooseMethod(page, 'telea');
    await paintStroke(page, [0.2, 0.3], [0.4, 0.3]);
    await runAndWaitForResult(page);
    const first = await canvasPixels(page, 'after-canvas');
    await page.locator('#apply').click();
    expect(differingBytes((await canvasPixels(page, 'image-canvas')).data, first.data)).toBe(0);
    expect(count(await maskHoles(page))).toBe(0);
    expect(await page.locator('#apply').isDisabled()).toBe(true);

    await paintStroke(page, [0.6, 0.6], [0.8, 0.8]);
    await runAndWaitForResult(page);
    expect(differingBytes((await canvasPixels(page, 'before-canvas')).data, first.data)).toBe(0);

    await page.locator('#undo').click(); // the second stroke
    await page.locator('#undo').click(); // the apply
    expect(differingBytes((await canvasPixels(page, 'image-canvas')).data, picture.rgba)).toBe(0);
    expect(count(await maskHoles(page))).toBeGreaterThan(0);
  });

  it('an uploaded mask file becomes the painted mask; one of another size is refused', async () => {
    const width = 100;
    const height = 80;
    const picture = await stripedPicture(width, height);
    const holes = new Uint8Array(width * height);
    for (let y = 20; y < 40; y++) for (let x = 30; x < 70; x++) holes[y * width + x] = 1;
    const maskPng = await sharp(Buffer.from(holes.map((v) => v * 255)), { raw: { width, height, channels: 1 } }).png().toBuffer();
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await page.locator('#mask-input').setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: maskPng });
    await expect.poll(() => page.locator('#status').textContent()).toBe('Mask loaded.');
    expect(differingBytes(await maskHoles(page), holes)).toBe(0);

    const small = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer();
    await page.locator('#mask-input').setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: small });
    await expect.poll(() => page.locator('#status').textContent()).toContain('small.png is 10×10 but the image is 100×80');
    expect(await page.locator('#status').getAttribute('data-kind')).toBe('error');
  });

  it('an image dropped on the page opens', async () => {
    const picture = await stripedPicture(90, 60);
    await page.goto(server.url);
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      return transfer;
    }, [...picture.png]);
    await page.dispatchEvent('#stage', 'drop', { dataTransfer });
    await page.locator('#canvas-box').waitFor({ state: 'visible' });
    expect(await page.locator('#image-name').textContent()).toBe('dropped.png · 90×60');
    expect(differingBytes((await canvasPixels(page, 'image-canvas')).data, picture.rgba)).toBe(0);
  });

  it('an option outside its schema range is refused on the page, before any upload', async () => {
    const picture = await stripedPicture(64, 48);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await chooseMethod(page, 'telea');
    await paintStroke(page, [0.4, 0.4], [0.6, 0.6]);
    const uploads: string[] = [];
    const recordUpload = (request: Request): void => void (request.method() === 'POST' && uploads.push(request.url()));
    page.on('request', recordUpload);
    await page.locator('#option-telea-radius').fill('100');
    await page.locator('#run').click();
    await page.locator('#status[data-kind="error"]').waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/^Radius: .*64/);
    expect(await page.locator('#option-telea-radius').getAttribute('aria-invalid')).toBe('true');
    page.off('request', recordUpload);
    expect(uploads).toEqual([]);
  });

  it('an option the server refuses is shown next to its field', async () => {
    const picture = await stripedPicture(64, 48);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await chooseMethod(page, 'patchmatch');
    await paintStroke(page, [0.4, 0.4], [0.6, 0.6]);
    // Within the schema's minimum and maximum, so only the server's check (odd sizes) refuses it.
    await page.locator('#option-patchmatch-patchSize').fill('8');
    await page.locator('#run').click();
    await page.locator('#status[data-kind="error"]').waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/patchSize/);
    expect(await page.locator('#option-patchmatch-patchSize').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#run').isEnabled()).toBe(true);
    await screenshot(page, '5-option-refused');
  });

  it('a job that fails on the server says why', async () => {
    const picture = await stripedPicture(40, 30);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await chooseMethod(page, 'telea');
    await page.locator('#brush-size').fill('64');
    await paintStroke(page, [0.1, 0.1], [0.9, 0.9]);
    await paintStroke(page, [0.9, 0.1], [0.1, 0.9]);
    expect(count(await maskHoles(page))).toBe(40 * 30);
    await page.locator('#run').click();
    await page.locator('#status[data-kind="error"]').waitFor();
    expect(await page.locator('#status').textContent()).toContain('the mask covers all 40x30 pixels');
    expect(await page.locator('#download').isDisabled()).toBe(true);
  });

  it('a long run shows its progress, and cancel stops it', async () => {
    const picture = await stripedPicture(480, 360);
    await page.goto(server.url);
    await openPicture(page, picture.png);
    await chooseMethod(page, 'patchmatch');
    await page.locator('#brush-size').fill('60');
    await paintStroke(page, [0.2, 0.3], [0.8, 0.7]);
    await page.locator('#option-patchmatch-iterations').fill('50');
    await page.locator('#run').click();
    await page.waitForFunction(() => {
      const bar = document.getElementById('progress') as HTMLProgressElement;
      return bar.hasAttribute('value') && bar.value > 0 && bar.value < 1;
    });
    expect(await page.locator('#cancel').isEnabled()).toBe(true);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await screenshot(page, '3-running');
    await page.locator('#cancel').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Cancelled.');
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await page.locator('#download').isDisabled()).toBe(true);
  });
});
