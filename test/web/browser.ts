import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium, which set-up (and CI) installs with apt-get. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** CI installs chromium (scripts/setup.sh), so there a missing browser is a failure, not a skip. */
export const skipBrowser = !hasChromium && process.env.CI !== 'true';

/** The page's source folder (web/), which the tests build. */
export const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

export interface FreshBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless chromium with a fresh user-data dir of its own (made with mkdtemp, removed on close),
 * so no profile, cache or extension of the machine's user can change what the test sees.
 */
export async function launchFreshBrowser(): Promise<FreshBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'inpaint-web-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
