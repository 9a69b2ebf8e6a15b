import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const built = fileURLToPath(new URL('../dist/src', import.meta.url));

/**
 * Entry points, not library modules: importing the command line runs it, and a worker script
 * needs the parent port of a worker thread (the off-thread tests start those in workers).
 */
const isEntryPoint = (file: string): boolean => file === 'cli/main.js' || file.endsWith('-worker.js');

async function builtModules(): Promise<string[]> {
  const entries = await readdir(built, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => relative(built, join(e.parentPath, e.name)))
    .sort();
}

/** The module's import error in a fresh Node process, or '' when it imports cleanly. */
async function importAlone(file: string): Promise<string> {
  const script = `import(${JSON.stringify(join(built, file))}).catch((e) => { console.error(e.message); process.exit(1); })`;
  try {
    await run(process.execPath, ['-e', script], { timeout: 60_000 });
    return '';
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return `${file}: ${(stderr || message).trim().split('\n')[0]}`;
  }
}

describe('every module of the build', () => {
  it('imports on its own in a fresh process (no cycle leaves a binding uninitialised)', async () => {
    const files = (await builtModules()).filter((f) => !isEntryPoint(f));
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('classical/propagate/method.js');
    const failures: string[] = [];
    const queue = [...files];
    const importNext = async (): Promise<void> => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const failure = await importAlone(file);
        if (failure) failures.push(failure);
      }
    };
    await Promise.all([importNext(), importNext(), importNext()]);
    expect(failures).toEqual([]);
  }, 600_000);
});
