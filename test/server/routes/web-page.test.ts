import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWebRoot } from '../../../src/server/routes/web-page.js';
import { errorOf, useServers } from '../helpers.js';

const startServer = useServers();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the web page at /', () => {
  it('built: index.html at /, its assets by path; unknown paths get 404 JSON', async () => {
    const webRoot = await mkdtemp(join(tmpdir(), 'inpaint-web-'));
    made.push(webRoot);
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>inpaint</title>');
    await writeFile(join(webRoot, 'app.js'), 'console.log(1)');
    await writeFile(join(webRoot, '.secret'), 'hidden');
    const { url } = await startServer({ webRoot });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>inpaint</title>');
    expect(await (await fetch(`${url}/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${url}/.secret`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${url}/..%2f..%2fetc%2fpasswd`)).status).toBeGreaterThanOrEqual(400);
    const { status, error } = await errorOf(await fetch(`${url}/api/v1/nothing`));
    expect(status).toBe(404);
    expect(error.code).toBe('not_found');
  });

  it('not built: / answers a short text saying how to build it; the API still works', async () => {
    const { url } = await startServer({ webRoot: join(tmpdir(), 'inpaint-no-such-web-root') });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await page.text()).toContain('npm run build:web');
    expect((await fetch(`${url}/api/v1/methods`)).status).toBe(200);
  });

  it("the default web root is the package's web/dist", () => {
    const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    expect(defaultWebRoot()).toBe(join(packageRoot, 'web', 'dist'));
  });
});
