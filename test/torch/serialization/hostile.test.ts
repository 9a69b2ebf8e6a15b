/**
 * Hostile checkpoints, as a user trying to exhaust the reader would make them: each is refused
 * with an error naming what is wrong, and (in a fresh process, reading with the build in dist/)
 * with less than 100 MB of memory beyond what the process held before.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError, UnsafeCheckpointError } from '../../../src/core/errors.js';
import { readPth } from '../../../src/torch/index.js';
import {
  asPth,
  billionLaughsPickle,
  deepPickle,
  legacyOsSystemPth,
  selfReferencePickle,
  strideZeroPth,
  zipBombPth,
} from './hostile-checkpoints.js';

const builtPth = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'src', 'torch', 'serialization', 'pth.js');
const folder = mkdtempSync(join(tmpdir(), 'inpaint-hostile-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const hostile: [string, () => Uint8Array, RegExp][] = [
  ['a zip bomb (260 KB inflating to 256 MB)', zipBombPth, /inflating at most 100 times.*zip bomb/],
  ['one stride-0 tensor of 788 MB over a 4-byte storage', strideZeroPth, /no larger than their storages.*197000000 elements.*storage of 1 elements/],
  ['a pickle of shared references (2^60 leaves)', () => asPth(billionLaughsPickle()), /shared references repeating more than 100,000 values/],
  ['a list that contains itself', () => asPth(selfReferencePickle()), /a list or dict that contains itself/],
  ['lists nested 100000 deep', () => asPth(deepPickle(100_000)), /nested more than 1000 deep/],
];

describe('hostile checkpoints are refused', () => {
  it('the files are as small as the attacks they stand for', () => {
    expect(zipBombPth().length).toBeLessThan(300_000);
    expect(strideZeroPth().length).toBeLessThan(700);
    expect(billionLaughsPickle().length).toBeLessThan(478);
    expect(selfReferencePickle().length).toBeLessThan(16);
  });

  it.each(hostile)('%s: InvalidInputError saying why', async (_name, make, message) => {
    const reading = readPth(make());
    await expect(reading).rejects.toThrow(InvalidInputError);
    await expect(reading).rejects.toThrow(message);
  });

  it('a legacy checkpoint calling os.system: refused as unsafe, without advising to load it in Python', async () => {
    const reading = readPth(legacyOsSystemPth());
    await expect(reading).rejects.toThrow(UnsafeCheckpointError);
    await expect(reading).rejects.toThrow(/refers to os\.system.*refusing to run code/);
    await expect(reading).rejects.not.toThrow(/python|torch\.load|re-save/i);
  });
});

describe('hostile checkpoints are refused within 100 MB (a fresh process, the build in dist/)', () => {
  it.each(hostile)('%s', (name, make, message) => {
    if (!existsSync(builtPth)) throw new Error(`${builtPth} is missing: run \`npm run build\` first (npm test does)`);
    const file = join(folder, `${name.replace(/\W+/g, '-')}.pth`);
    writeFileSync(file, make());
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', READ_AND_MEASURE, builtPth, file], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as { extraMB: number; error: string };
    expect(result.error).toMatch(message);
    expect(result.extraMB).toBeLessThan(100);
  });
});

/** Reads argv[2]'s checkpoint with the built readPth; prints the peak RSS growth and the error. */
const READ_AND_MEASURE = `
const [module, file] = process.argv.slice(1);
const { readPth } = await import(module);
const peakKB = () => process.resourceUsage().maxRSS;
const before = peakKB();
let error = '';
try { await readPth(file); } catch (caught) { error = caught.message; }
console.log(JSON.stringify({ extraMB: (peakKB() - before) / 1024, error }));
`;
