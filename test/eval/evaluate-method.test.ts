import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, UnknownMethodError } from '../../src/core/errors.js';
import { evaluateMethod } from '../../src/eval/evaluate-method.js';
import { makeTinyDataDir } from './tiny-data.js';

describe('evaluateMethod', () => {
  let dataDir: string;
  beforeAll(async () => {
    ({ dataDir } = await makeTinyDataDir());
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('telea on 2 images: 12 pairs scored, a real fill between grey and the truth', async () => {
    const report = await evaluateMethod({ dataDir, method: 'telea', options: { radius: 3 } });
    expect(report.method).toBe('telea');
    expect(report.overall.count).toBe(12);
    expect(report.overall.psnr).toBeGreaterThan(10);
    expect(report.overall.psnr).toBeLessThan(99);
    expect(report.overall.sharpness).toBeGreaterThan(0);
  });

  it('an unknown method throws UnknownMethodError before any image is read', async () => {
    await expect(evaluateMethod({ dataDir: '/nonexistent', method: 'teleaa' })).rejects.toThrow(UnknownMethodError);
  });

  it('a bad option throws InvalidOptionError naming it', async () => {
    await expect(evaluateMethod({ dataDir, method: 'telea', options: { radius: 0 } })).rejects.toThrow(InvalidOptionError);
    await expect(evaluateMethod({ dataDir, method: 'telea', options: { radius: 0 } })).rejects.toThrow(/radius/);
  });
});
