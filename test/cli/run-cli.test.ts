import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();

function environment(options: { tty: boolean; signal?: AbortSignal }) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { isTTY: options.tty, columns: 100, write: (text: string) => err.push(text) },
      signal: options.signal ?? new AbortController().signal,
      debug: false,
    },
  };
}

async function inputs(dir: string) {
  await writePhoto(join(dir, 'in.png'), 48, 40);
  await writeBoxMask(join(dir, 'mask.png'), 48, 40, { x0: 10, y0: 10, x1: 30, y1: 25 });
  return ['image', join(dir, 'in.png'), '--mask', join(dir, 'mask.png'), '-o', join(dir, 'out.png'), '--method', 'telea'];
}

describe('runCli (in process)', () => {
  it('image on a terminal: a progress bar on stderr, cleared at the end; nothing on stdout', async () => {
    const dir = await tempFolder();
    const { env, out, err } = environment({ tty: true });
    expect(await runCli(await inputs(dir), env)).toBe(0);
    expect(err.join('')).toContain('100%');
    expect(err.at(-1)).toBe('\r\x1b[K');
    expect(out).toEqual([]);
  });

  it('image off a terminal: silent', async () => {
    const dir = await tempFolder();
    const { env, err } = environment({ tty: false });
    expect(await runCli(await inputs(dir), env)).toBe(0);
    expect(err).toEqual([]);
  });

  it('signal already fired: exit 130, no output file', async () => {
    const dir = await tempFolder();
    const controller = new AbortController();
    controller.abort();
    const { env, err } = environment({ tty: false, signal: controller.signal });
    expect(await runCli(await inputs(dir), env)).toBe(130);
    expect(err).toEqual(['inpaint: the work was cancelled\n']);
    expect((await readdir(dir)).sort()).toEqual(['in.png', 'mask.png']);
  });
});
