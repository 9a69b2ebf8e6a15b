import { execFileSync } from 'node:child_process';
import { open, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError } from '../../src/core/errors.js';
import { maxInputFileBytes, readInputFile } from '../../src/io/read-input-file.js';
import { useTempFolder } from './temp-folder.js';

const tempFolder = useTempFolder();
const expected = 'an image file';

async function refusal(path: string, options: Parameters<typeof readInputFile>[2] = {}): Promise<InvalidInputError> {
  const error = await readInputFile(path, expected, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).input).toBe(path);
  return error as InvalidInputError;
}

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

describe('readInputFile', () => {
  it('reads a file whole', async () => {
    const path = join(await tempFolder(), 'a.bin');
    await writeFile(path, Buffer.from([1, 2, 3]));
    expect([...(await readInputFile(path, expected))]).toEqual([1, 2, 3]);
  });

  it('an empty file, a folder, a missing file: refused naming the path', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'empty.png'), '');
    expect((await refusal(join(dir, 'empty.png'))).received).toBe('an empty file (0 bytes)');
    expect((await refusal(dir)).received).toBe('a folder');
    expect((await refusal(join(dir, 'none.png'))).received).toBe('no such file');
  });

  it('/dev/zero, which never ends: refused at once', async () => {
    expect((await refusal('/dev/zero')).received).toBe('a device or socket, not a file');
  });

  it('a file over the bound (a sparse 2 GiB one): refused from its size, before a byte is read', async () => {
    const path = join(await tempFolder(), 'huge.png');
    await writeFile(path, '');
    await truncate(path, 2 * maxInputFileBytes);
    expect((await refusal(path)).received).toBe(`a file of ${2 * maxInputFileBytes} bytes, more than the ${maxInputFileBytes} read at most`);
  });

  it('a pipe: read to its end, and refused past the bound', async () => {
    const dir = await tempFolder();
    const path = fifo(join(dir, 'pipe'));
    const writing = (async () => {
      const writer = await open(path, 'w');
      await writer.write(Buffer.alloc(3000, 7));
      await writer.close();
    })();
    expect((await readInputFile(path, expected)).length).toBe(3000);
    await writing;
    const again = (async () => {
      const writer = await open(path, 'w');
      await writer.write(Buffer.alloc(3000, 7)).catch(() => undefined);
      await writer.close();
    })();
    expect((await refusal(path, { maxBytes: 1000 })).received).toBe('more than the 1000 bytes read at most');
    await again;
  });

  it('a pipe nobody writes to: the signal stops the wait (CancelledError)', async () => {
    const path = fifo(join(await tempFolder(), 'pipe'));
    const controller = new AbortController();
    const reading = readInputFile(path, expected, { signal: controller.signal });
    // Let the open and the first wait for data begin.
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
  });
});
