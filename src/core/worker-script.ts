import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled worker script `name` beside the module at `moduleUrl`, or undefined when there is
 * none. Running from the TypeScript sources (the tests), a worker cannot load a .ts file, so the
 * build's copy in dist/ is taken instead (`npm test` builds first).
 */
export function compiledWorkerScript(name: string, moduleUrl: string): URL | undefined {
  const beside = new URL(`./${name}`, moduleUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(beside.href.replace(/\/src\/(?!.*\/src\/)/, '/dist/src/'));
  return existsSync(fileURLToPath(built)) ? built : undefined;
}
