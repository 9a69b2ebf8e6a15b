import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, describe } from 'vitest';
import { lossTermsRecord, resolveLossTerms, type LossTerm } from '../../src/losses/index.js';
import { InvalidOptionError, MissingVggWeightsError } from '../../src/core/errors.js';

const PCONV_TERMS: LossTerm[] = [
  { name: 'valid', weight: 1 },
  { name: 'hole', weight: 6 },
  { name: 'perceptual', weight: 0.05, vgg: 16 },
  { name: 'style', weight: 120, vgg: 16 },
  { name: 'tv', weight: 0.1 },
];

const folder = mkdtempSync(join(tmpdir(), 'inpaint-loss-terms-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the rule for VGG loss terms in training', () => {
  it('stops with what to provide when a VGG term is on and the file is not in the weights folder', () => {
    const attempt = (): unknown => resolveLossTerms(PCONV_TERMS, { model: 'pconv', weightsDir: folder });
    expect(attempt).toThrow(MissingVggWeightsError);
    expect(attempt).toThrow(/vgg16-397923af\.pth/);
    expect(attempt).toThrow(/https:\/\/download\.pytorch\.org\/models\/vgg16-397923af\.pth/);
    expect(attempt).toThrow(new RegExp(join(folder, 'vgg16-397923af.pth').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    expect(attempt).toThrow(/perceptual, style/);
    expect(attempt).toThrow(/--set off=perceptual,style/);
    expect(new MissingVggWeightsError('m', 'f', 'u', 'p', ['t']).isInputError).toBe(true);
  });

  it('without a weights folder nor a file it says so too', () => {
    expect(() => resolveLossTerms(PCONV_TERMS, { model: 'pconv' })).toThrow(/the weights folder \(vgg16-397923af\.pth\)/);
  });

  it('trains without the file when those terms are turned off explicitly, and records it', () => {
    const resolved = resolveLossTerms(PCONV_TERMS, { model: 'pconv', off: ['perceptual', 'style'] });
    expect(resolved.terms.map((term) => term.name)).toEqual(['valid', 'hole', 'tv']);
    expect(resolved.vggFiles).toEqual({});
    expect(lossTermsRecord(PCONV_TERMS, resolved.terms).terms).toEqual([
      { name: 'valid', weight: 1, used: true },
      { name: 'hole', weight: 6, used: true },
      { name: 'perceptual', weight: 0.05, used: false },
      { name: 'style', weight: 120, used: false },
      { name: 'tv', weight: 0.1, used: true },
    ]);
  });

  it('turning off one VGG term still needs the file for the other', () => {
    expect(() => resolveLossTerms(PCONV_TERMS, { model: 'pconv', off: ['style'] })).toThrow(/for the terms perceptual:/);
  });

  it('finds the file by its official name in the weights folder, or takes an explicit file', () => {
    writeFileSync(join(folder, 'vgg16-397923af.pth'), '');
    expect(resolveLossTerms(PCONV_TERMS, { model: 'pconv', weightsDir: folder }).vggFiles).toEqual({ 16: join(folder, 'vgg16-397923af.pth') });
    const explicit = join(folder, 'mine.pth');
    writeFileSync(explicit, '');
    expect(resolveLossTerms(PCONV_TERMS, { model: 'pconv', vggFiles: { 16: explicit } }).vggFiles).toEqual({ 16: explicit });
  });

  it('an unknown term name to turn off is an option error listing the terms', () => {
    expect(() => resolveLossTerms(PCONV_TERMS, { model: 'pconv', off: ['perceptal'] })).toThrow(InvalidOptionError);
    expect(() => resolveLossTerms(PCONV_TERMS, { model: 'pconv', off: ['perceptal'] })).toThrow(/valid, hole, perceptual, style, tv/);
  });
});
