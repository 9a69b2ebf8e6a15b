import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { createServer } from '../../src/server/app.js';
import type { ServerConfigInput } from '../../src/server/config.js';
import { launchFreshBrowser, type FreshBrowser } from './browser.js';

export interface TestServer {
  /** The page's address, ending in `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the web page (vite, with web/vite.config.ts) into a temporary folder, so the test sees
 * this tree's page and never touches web/dist; `serve` then serves that folder.
 */
async function buildPage(webRoot: string, serve: (outDir: string) => Promise<TestServer>): Promise<TestServer> {
  const outDir = await mkdtemp(join(tmpdir(), 'inpaint-web-dist-'));
  await build({ root: webRoot, configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const served = await serve(outDir);
  return {
    url: served.url,
    async close() {
      await served.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** The page served by the real server (started with `config`), on loopback. */
export function buildPageAndServe(webRoot: string, config: ServerConfigInput = {}): Promise<TestServer> {
  return buildPage(webRoot, async (outDir) => {
    const app = await createServer({ ...config, webRoot: outDir });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${address}/`, close: () => app.close() };
  });
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The built page from a plain static file server (as any static host serves it): files only, no
 * API; anything else is a 404 page of HTML, as such hosts answer.
 */
export function buildPageAndServeStatic(webRoot: string): Promise<TestServer> {
  return buildPage(webRoot, async (outDir) => {
    const server = createHttpServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const file = join(outDir, normalize(path.endsWith('/') ? `${path}index.html` : path));
      void stat(file)
        .then((info) => {
          if (!file.startsWith(outDir) || !info.isFile()) throw new Error('not a file');
          response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
          createReadStream(file).pipe(response);
        })
        .catch(() => {
          response.writeHead(404, { 'content-type': 'text/html' });
          response.end('<!doctype html><title>404</title><h1>Not found</h1>');
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    };
  });
}

export interface ServedPage {
  readonly server: TestServer;
  readonly page: Page;
}

/**
 * For a test file: the page built and served by `serve` and a tab in a fresh browser, made before
 * its tests and closed after them. Read `server` and `page` inside the tests.
 */
export function useServedPage(serve: (webRoot: string) => Promise<TestServer>, webRoot: string): ServedPage {
  const served = {} as { server: TestServer; page: Page; browser: FreshBrowser };
  beforeAll(async () => {
    [served.server, served.browser] = await Promise.all([serve(webRoot), launchFreshBrowser()]);
    served.page = await served.browser.context.newPage();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}
