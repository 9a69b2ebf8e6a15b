import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertSeparateOutputFolder, planBatch } from '../../src/cli/batch-plan.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();

async function touch(folder: string, names: string[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const name of names) await writeFile(join(folder, name), '');
}

describe('planBatch', () => {
  it('matches masks by stem, skips non-images and hidden files, records problems per image', async () => {
    const dir = await tempFolder();
    await touch(join(dir, 'img'), ['a.jpg', 'b.png', 'c.png', 'c.webp', 'd.png', 'notes.txt', '.hidden.png']);
    await touch(join(dir, 'msk'), ['a.png', 'b.png', 'b.jpg', 'c.png']);
    const plan = await planBatch(join(dir, 'img'), join(dir, 'msk'), false);
    expect(plan.items.map((i) => [i.stem, i.mask && i.mask.slice(dir.length), i.problem?.split(':')[0]])).toEqual([
      ['a', '/msk/a.png', undefined],
      ['b', undefined, 'several masks match'],
      ['c', '/msk/c.png', undefined],
      ['c', undefined, 'its output would overwrite that of c.png'],
      ['d', undefined, `no mask named d.* in ${join(dir, 'msk')}`],
    ]);
    expect(plan.inputFolders).toEqual([join(dir, 'img'), join(dir, 'msk')]);
  });

  it('one mask file serves every image', async () => {
    const dir = await tempFolder();
    await touch(dir, ['a.png', 'b.png']);
    await touch(join(dir, 'm'), ['hole.png']);
    const plan = await planBatch(dir, join(dir, 'm', 'hole.png'), false);
    expect(plan.items.map((i) => i.mask)).toEqual([join(dir, 'm', 'hole.png'), join(dir, 'm', 'hole.png')]);
  });

  it('no mask and mask from alpha: each image stands alone', async () => {
    const dir = await tempFolder();
    await touch(dir, ['a.png']);
    const plan = await planBatch(join(dir, 'a.png'), undefined, true);
    expect(plan.items).toEqual([{ image: join(dir, 'a.png'), stem: 'a' }]);
    expect(plan.inputFolders).toEqual([dir]);
  });

  it('no mask without mask from alpha: InvalidOptionError naming --mask', async () => {
    const dir = await tempFolder();
    await touch(dir, ['a.png']);
    await expect(planBatch(dir, undefined, false)).rejects.toThrow(InvalidOptionError);
  });

  it('missing path or a folder without images: InvalidInputError', async () => {
    const dir = await tempFolder();
    await expect(planBatch(join(dir, 'nothing'), dir, false)).rejects.toThrow(InvalidInputError);
    await touch(join(dir, 'empty'), ['readme.txt']);
    await expect(planBatch(join(dir, 'empty'), dir, false)).rejects.toThrow(InvalidInputError);
  });
});

describe('assertSeparateOutputFolder', () => {
  it('refuses an input folder (also spelt differently); accepts a new or other folder', async () => {
    const dir = await tempFolder();
    await mkdir(join(dir, 'in'));
    await expect(assertSeparateOutputFolder(join(dir, 'in', '..', 'in'), [join(dir, 'in')])).rejects.toThrow(InvalidOptionError);
    await expect(assertSeparateOutputFolder(join(dir, 'out'), [join(dir, 'in')])).resolves.toBeUndefined();
    await expect(assertSeparateOutputFolder(dir, [join(dir, 'in')])).resolves.toBeUndefined();
  });
});
