import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, skipBrowser, webRoot } from './browser.js';
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
import { buildPageAndServeStatic, useServedPage } from './test-server.js';

if (skipBrowser) console.warn(`static page tests skipped: ${chromiumPath} is missing (apt-get install chromium)`);

describe.skipIf(skipBrowser)('the built page from a static file server, with no API', () => {
  const served = useServedPage(buildPageAndServeStatic, webRoot);
  /** Every request the page makes beyond the first look for a server: with none, nothing is uploaded. */
  const posts: string[] = [];

  beforeAll(() => {
    served.page.on('request', (request: Request) => void (request.method() !== 'GET' && posts.push(request.url())));
  });

  it('says there is no server, offers the methods that need no weights, and video says it needs the server', async () => {
    const { page, server } = served;
    await page.goto(server.url);
    await expect.poll(() => page.locator('#method option').allTextContents()).toEqual(['patchmatch', 'telea']);
    expect(await page.locator('#serverless-note').isVisible()).toBe(true);
    expect(await page.locator('#serverless-note').textContent()).toMatch(/Networks and video need the server/);
    // The option form comes from the same schemas as the server's.
    expect(await page.locator('#option-patchmatch-iterations').getAttribute('max')).toBe('50');
    await page.locator('#mode-video').click();
    expect(await page.locator('#video-status').textContent()).toMatch(/^Video needs the server/);
    expect(await page.locator('#video-run').isDisabled()).toBe(true);
    await page.locator('#mode-image').click();
  });

  it('paint, run patchmatch in the browser: the hole changed and no known pixel did', async () => {
    const { page } = served;
    const width = 128;
    const height = 96;
    const picture = await stripedPicture(width, height);
    await openPicture(page, picture.png);
    await paintStroke(page, [0.3, 0.4], [0.7, 0.6]);
    const holes = await maskHoles(page);
    expect(count(holes)).toBeGreaterThan(300);
    await chooseMethod(page, 'patchmatch');
    await screenshot(page, 'static-1-painted');

    await runAndWaitForResult(page);
    const before = await canvasPixels(page, 'before-canvas');
    const after = await canvasPixels(page, 'after-canvas');
    expect(differingBytes(before.data, picture.rgba)).toBe(0);
    const changed = changedPixels(before.data, after.data, holes);
    expect(changed.outside).toBe(0);
    expect(changed.inside).toBeGreaterThan(count(holes) / 2);
    await page.locator('#compare-slider').fill('400');
    await screenshot(page, 'static-2-filled');
    expect(posts).toEqual([]);
  });

  it('an option the method refuses (an even patch size) is shown next to its field, as the server would', async () => {
    const { page } = served;
    await page.locator('#view-edit').click();
    await page.locator('#option-patchmatch-patchSize').fill('8');
    await page.locator('#run').click();
    await page.locator('#status[data-kind="error"]').waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/patchSize/);
    expect(await page.locator('#option-patchmatch-patchSize').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#option-patchmatch-patchSize').fill('7');
  });

  it('a long run shows its progress, and cancel stops it; the next run works', async () => {
    const { page } = served;
    const picture = await stripedPicture(400, 300);
    await openPicture(page, picture.png);
    await page.locator('#brush-size').fill('60');
    await paintStroke(page, [0.2, 0.3], [0.8, 0.7]);
    await page.locator('#option-patchmatch-iterations').fill('50');
    await page.locator('#run').click();
    await page.waitForFunction(() => {
      const bar = document.getElementById('progress') as HTMLProgressElement;
      return bar.hasAttribute('value') && bar.value > 0 && bar.value < 1;
    });
    expect(await page.locator('#status').textContent()).toMatch(/\d+%$/);
    await screenshot(page, 'static-3-running');
    await page.locator('#cancel').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Cancelled.');
    expect(await page.locator('#download').isDisabled()).toBe(true);

    await page.locator('#option-patchmatch-iterations').fill('1');
    await chooseMethod(page, 'telea');
    await runAndWaitForResult(page);
    expect(posts).toEqual([]);
  });
});
