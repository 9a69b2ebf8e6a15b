import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chromiumPath, skipBrowser, webRoot } from './browser.js';
import { canvasPixels, changedPixels, chooseMethod, count, maskHoles, openPicture, paintStroke, runAndWaitForResult, screenshot } from './page-helpers.js';
import { buildPageAndServe, useServedPage } from './test-server.js';

if (skipBrowser) console.warn(`select tool tests skipped: ${chromiumPath} is missing (apt-get install chromium)`);

const width = 160;
const height = 120;
/** A red disc, lightly textured, on a green-grey checkered ground: the object to pick. */
const disc = { cx: 70, cy: 58, r: 26 };

function inDisc(x: number, y: number): boolean {
  return (x - disc.cx) ** 2 + (y - disc.cy) ** 2 <= disc.r ** 2;
}

async function discPicture(): Promise<Buffer> {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const grain = ((x * 7 + y * 13) % 5) * 4;
      const check = ((x >> 3) + (y >> 3)) % 2 ? 20 : 0;
      const colour = inDisc(x, y) ? [200 + grain, 40 + grain, 35] : [90 + check, 130 + check + grain, 100 + check];
      rgb.set(colour, p);
    }
  }
  return sharp(Buffer.from(rgb), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Clicks the picture at image pixel (x, y), holding shift if asked, and waits for the answer. */
async function pick(page: Page, x: number, y: number, shift = false): Promise<void> {
  const box = (await page.locator('#canvas-box').boundingBox())!;
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(box.x + ((x + 0.5) / width) * box.width, box.y + ((y + 0.5) / height) * box.height);
  if (shift) await page.keyboard.up('Shift');
  await page.locator('#status', { hasText: /under the click/ }).waitFor();
}

function discIoU(holes: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = holes[y * width + x] === 1;
      const b = inDisc(x, y);
      if (a && b) both++;
      if (a || b) either++;
    }
  }
  return both / either;
}

describe.skipIf(skipBrowser)('the Select tool of the web page', () => {
  const served = useServedPage(buildPageAndServe, webRoot);

  it('a click selects the object under it, shift-click takes it out, undo brings it back, the brush refines, then fill', async () => {
    const { page, server } = served;
    await page.goto(server.url);
    await openPicture(page, await discPicture(), 'disc.png');
    await page.locator('#tool-select').click();
    await pick(page, disc.cx, disc.cy);
    const selected = await maskHoles(page);
    expect(discIoU(selected)).toBeGreaterThan(0.85);
    await screenshot(page, 'select-1-picked');

    await pick(page, disc.cx + 5, disc.cy - 5, true);
    expect(count(await maskHoles(page))).toBeLessThan(count(selected) / 10);
    await page.locator('#undo').click();
    expect(discIoU(await maskHoles(page))).toBeGreaterThan(0.85);

    // A stroke beside the disc: the brush adds to the selected mask.
    await page.locator('#tool-brush').click();
    await page.locator('#brush-size').fill('6');
    await paintStroke(page, [0.75, 0.2], [0.85, 0.3]);
    const refined = await maskHoles(page);
    expect(count(refined)).toBeGreaterThan(count(selected) + 20);
    await screenshot(page, 'select-2-refined');

    await chooseMethod(page, 'telea');
    await runAndWaitForResult(page);
    const before = await canvasPixels(page, 'before-canvas');
    const after = await canvasPixels(page, 'after-canvas');
    expect(changedPixels(before.data, after.data, refined).outside).toBe(0);
    let redLeft = 0;
    for (let p = 0; p < after.data.length; p += 4) if (after.data[p] > 150 && after.data[p + 1] < 100) redLeft++;
    // The red disc is gone: at most a rim of its edge pixels is left.
    expect(redLeft).toBeLessThan(40);
    await page.locator('#compare-slider').fill('440');
    await screenshot(page, 'select-3-filled');
  });
});
