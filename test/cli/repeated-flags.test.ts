import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();

async function run(args: string[]): Promise<{ status: number; stderr: string }> {
  const err: string[] = [];
  const env = { stdout: { write: () => true }, stderr: { write: (text: string) => err.push(text) }, signal: new AbortController().signal, debug: false };
  const status = await runCli(args, env);
  return { status, stderr: err.join('') };
}

describe('repeated flags', () => {
  it('-o, --mask, --method given twice: exit 2 naming the flag and both values, nothing written', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'in.png');
    const mask = join(dir, 'mask.png');
    await writePhoto(input, 32, 24);
    await writeBoxMask(mask, 32, 24, { x0: 8, y0: 8, x1: 16, y1: 16 });
    const out = (name: string): string => join(dir, name);
    const cases: [string[], string][] = [
      [['-o', out('a.png'), '-o', out('b.png'), '--mask', mask], `--output but received ["${out('a.png')}","${out('b.png')}"]`],
      [['-o', out('a.png'), '--mask', mask, '--mask', input], `--mask but received ["${mask}","${input}"]`],
      [['-o', out('a.png'), '--mask', mask, '--method', 'telea', '--method=patchmatch'], '--method but received ["telea","patchmatch"]'],
      [['-o', out('a.png'), '--mask', mask, '--invert-mask', '--invert-mask'], '--invert-mask but received [true,true]'],
    ];
    for (const [flags, message] of cases) {
      const result = await run(['image', input, ...flags]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`inpaint: Expected the flag once for ${message}\n`);
    }
    expect((await readdir(dir)).sort()).toEqual(['in.png', 'mask.png']);
  });

  it('--set may repeat: each sets its own option', async () => {
    const dir = await tempFolder();
    const input = join(dir, 'in.png');
    const mask = join(dir, 'mask.png');
    await writePhoto(input, 32, 24);
    await writeBoxMask(mask, 32, 24, { x0: 8, y0: 8, x1: 16, y1: 16 });
    const result = await run(['image', input, '--mask', mask, '-o', join(dir, 'out.png'), '--method', 'patchmatch', '--set', 'patchSize=5', '--set', 'iterations=1']);
    expect(result).toEqual({ status: 0, stderr: '' });
  });
});
