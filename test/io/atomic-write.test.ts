import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileOnce } from '../../src/io/atomic-write.js';
import { useTempFolder } from './temp-folder.js';

const tempFolder = useTempFolder();

describe('writeFileOnce', () => {
  it('the first complete file stays: a second write changes nothing and says so; no temporary file is left', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'result.png');
    expect(await writeFileOnce(path, Uint8Array.from([1, 2]))).toBe(true);
    expect(await writeFileOnce(path, Uint8Array.from([3, 4, 5]))).toBe(false);
    expect([...(await readFile(path))]).toEqual([1, 2]);
    expect(await readdir(dir)).toEqual(['result.png']);
  });

  it('both of two writes at once: exactly one wins', async () => {
    const dir = await tempFolder();
    const path = join(dir, 'result.png');
    const results = await Promise.all([writeFileOnce(path, Uint8Array.from([1])), writeFileOnce(path, Uint8Array.from([2]))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['result.png']);
  });
});
