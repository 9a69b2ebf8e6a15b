import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { createServer } from '../../src/server/app.js';
import type { ServerConfigInput } from '../../src/server/config.js';

export interface TestServer {
  /** The page's address, ending in `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the web page (vite, with web/vite.config.ts) into a temporary folder, so the test sees
 * this tree's page and never touches web/dist, and serves it with the real server on loopback.
 */
export async function buildPageAndServe(webRoot: string, config: ServerConfigInput = {}): Promise<TestServer> {
  const outDir = await mkdtemp(join(tmpdir(), 'inpaint-web-dist-'));
  await build({ root: webRoot, configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const app = await createServer({ ...config, webRoot: outDir });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/`,
    async close() {
      await app.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
