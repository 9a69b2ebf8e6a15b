import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../src/methods.js';
import { launchFreshBrowser, type FreshBrowser, skipBrowser, webRoot } from './browser.js';
import { buildPageAndServe, type TestServer } from './test-server.js';

const token = 'page-test-token-1234';

describe.skipIf(skipBrowser)('the web page of a server started with --token', () => {
  let server: TestServer;
  let browser: FreshBrowser;
  let page: Page;
  const asked: string[] = [];
  /** The answers the user types, in order; a dialog beyond them is dismissed. */
  let answers: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([buildPageAndServe(webRoot, { token }), launchFreshBrowser()]);
    page = await browser.context.newPage();
    page.on('dialog', (dialog: Dialog) => {
      asked.push(dialog.message());
      const answer = answers.shift();
      void (answer === undefined ? dialog.dismiss() : dialog.accept(answer));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the token, asks again when it is refused, then loads the methods; a reload keeps it', async () => {
    answers = ['wrong-token-0000', token];
    await page.goto(server.url);
    const offered = methods.filter((m) => !m.needsWeights).map((m) => m.id);
    await expect.poll(() => page.locator('#method option').allTextContents()).toEqual(offered);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatch(/needs its token/);
    expect(asked[1]).toMatch(/refused/);

    await page.reload();
    await expect.poll(() => page.locator('#method option').allTextContents()).toEqual(offered);
    expect(asked).toHaveLength(2);
  });
});
