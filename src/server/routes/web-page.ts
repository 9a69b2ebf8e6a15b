import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const notBuilt = [
  'The inpaint web page is not built.',
  'Build it with `npm run build:web` (vite build web), then restart `inpaint serve`.',
  'The API is available at /api/v1 (GET /api/v1/methods lists the methods).',
  '',
].join('\n');

/**
 * The web page's built files (`vite build web` writes them to web/dist) at `/`. Without a build,
 * `/` answers a short text saying how to make one, and the API works all the same.
 */
export async function registerWebPage(app: FastifyInstance, webRoot = defaultWebRoot()): Promise<void> {
  const root = resolve(webRoot);
  if (existsSync(join(root, 'index.html'))) {
    await app.register(fastifyStatic, { root, dotfiles: 'deny' });
    return;
  }
  app.get('/', async (_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send(notBuilt));
}

/**
 * web/dist of the package this file belongs to: found by walking up to its package.json, since
 * this file sits at a different depth compiled (dist/src/server/routes) than as source.
 */
export function defaultWebRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPackageRoot(folder)) return join(folder, 'web', 'dist');
    const parent = dirname(folder);
    if (parent === folder) return join(process.cwd(), 'web', 'dist');
    folder = parent;
  }
}

function isPackageRoot(folder: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name === 'inpaint';
  } catch {
    return false;
  }
}
