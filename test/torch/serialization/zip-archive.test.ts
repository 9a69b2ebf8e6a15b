/** The zip reader on torch.save archives, stored and deflated, and on damaged files. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { readZipArchive } from '../../../src/torch/serialization/zip-archive.js';
import { checkpointPath } from './fixtures.js';

const stored = new Uint8Array(readFileSync(checkpointPath('small_net.pth')));

describe('readZipArchive', () => {
  it('lists every entry of a torch.save archive under its folder, with its bytes', () => {
    const entries = readZipArchive(stored, 'small_net.pth');
    expect(entries.has('small_net/data.pkl')).toBe(true);
    expect(new TextDecoder().decode(entries.get('small_net/version')).trim()).toBe('3');
    expect(entries.get('small_net/data/0')!.length).toBe(48); // the transposed buffer: 12 float32
  });

  it('a deflated copy gives the same bytes entry by entry', () => {
    const deflated = readZipArchive(new Uint8Array(readFileSync(checkpointPath('small_net_deflated.pth'))), 'deflated');
    const original = readZipArchive(stored, 'stored');
    expect([...deflated.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, bytes] of original) expect(deflated.get(name), name).toEqual(bytes);
  });

  it('not a zip archive: InvalidInputError', () => {
    expect(() => readZipArchive(new TextEncoder().encode('hello, not a zip file at all'), 'x')).toThrow(InvalidInputError);
  });

  it('an archive cut short keeps no end record: InvalidInputError saying truncated', () => {
    expect(() => readZipArchive(stored.subarray(0, stored.length - 30), 'cut.pth')).toThrow(/cut\.pth: .*truncated/);
  });
});
