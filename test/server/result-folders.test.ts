import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobNotFoundError } from '../../src/server/errors.js';
import { ResultFolders } from '../../src/server/result-folders.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inpaint-folders-'));
  made.push(dir);
  return dir;
}

const id = '5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f11';

describe('ResultFolders', () => {
  it('writes a result into <root>/<id>/result.png and removes the folder', async () => {
    const root = await tempFolder();
    const folders = await ResultFolders.open(root);
    await folders.writeResult(id, Uint8Array.from([1, 2, 3]));
    expect(folders.resultPath(id)).toBe(join(root, id, 'result.png'));
    expect([...(await readFile(folders.resultPath(id)))]).toEqual([1, 2, 3]);
    expect((await stat(join(root, id))).mode & 0o777).toBe(0o700);
    await folders.remove(id);
    expect(await readdir(root)).toEqual([]);
  });

  it('an id that is not a job id: JobNotFoundError before any path is made', async () => {
    const folders = await ResultFolders.open(await tempFolder());
    expect(() => folders.resultPath('../etc')).toThrow(JobNotFoundError);
    await expect(folders.remove('..')).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(folders.writeResult('../x', new Uint8Array(1))).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('removeExpired: only id-named folders older than the time', async () => {
    const root = await tempFolder();
    const other = '6a1d9f1f-8e64-4d2f-8b62-1d4c2e0f3a22';
    for (const name of [id, other, 'keep']) await mkdir(join(root, name));
    const old = new Date(Date.now() - 60_000);
    await utimes(join(root, id), old, old);
    await utimes(join(root, 'keep'), old, old);
    const folders = await ResultFolders.open(root);
    expect(await folders.removeExpired(30_000)).toEqual([id]);
    expect((await readdir(root)).sort()).toEqual([other, 'keep']);
  });

  it('no root given: a temporary folder, removed on close; a given root stays', async () => {
    const temporary = await ResultFolders.open();
    expect((await stat(temporary.root)).isDirectory()).toBe(true);
    await temporary.close();
    await expect(stat(temporary.root)).rejects.toThrow();
    const given = join(await tempFolder(), 'nested', 'results');
    const folders = await ResultFolders.open(given);
    await folders.close();
    expect((await stat(given)).isDirectory()).toBe(true);
  });
});
