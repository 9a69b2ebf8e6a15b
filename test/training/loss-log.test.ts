import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { LossLog } from '../../src/training/loss-log.js';
import { useTempFolder } from '../io/temp-folder.js';

const tempFolder = useTempFolder();
const terms = [{ name: 'd_loss', label: 'discriminator' }, { name: 'l1', label: 'L1 <hole>' }];
const row = (step: number) => ({ step, seconds: step / 2, terms: { d_loss: step / 10, l1: 1 - step / 100 } });

describe('LossLog', () => {
  it('columns are step, seconds and the named terms; rows read back', async () => {
    const path = join(await tempFolder(), 'losses.csv');
    const log = new LossLog(path, terms);
    await log.start();
    await log.append([row(1), row(2)]);
    expect(await readFile(path, 'utf8')).toBe('step,seconds,d_loss,l1\n1,0.5,0.1,0.99\n2,1.0,0.2,0.98\n');
    expect(await log.read()).toEqual([row(1), { ...row(2), seconds: 1 }]);
  });

  it('on resume, rows past the checkpoint (written before a crash) are dropped', async () => {
    const path = join(await tempFolder(), 'losses.csv');
    const log = new LossLog(path, terms);
    await log.start();
    await log.append([row(1), row(2), row(3)]);
    await log.start(2);
    expect((await log.read()).map((r) => r.step)).toEqual([1, 2]);
  });

  it('a log of other columns is refused on resume, not mixed', async () => {
    const path = join(await tempFolder(), 'losses.csv');
    await writeFile(path, 'step,seconds,g_loss\n1,0.1,3\n');
    await expect(new LossLog(path, terms).start(1)).rejects.toThrow(InvalidInputError);
  });

  it('plots one curve per term into a 900x480 PNG with coloured lines', async () => {
    const folder = await tempFolder();
    const log = new LossLog(join(folder, 'losses.csv'), terms);
    await log.start();
    await log.append(Array.from({ length: 30 }, (_, i) => row(i + 1)));
    await log.plot(join(folder, 'losses.png'), 'toy & co');
    const { data, info } = await sharp(join(folder, 'losses.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([900, 480]);
    // The first two curve colours (#1f77b4 blue, #d62728 red) are drawn.
    const has = (r: number, g: number, b: number) => {
      for (let i = 0; i < data.length; i += 3) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) return true;
      return false;
    };
    expect(has(0x1f, 0x77, 0xb4)).toBe(true);
    expect(has(0xd6, 0x27, 0x28)).toBe(true);
  });
});
