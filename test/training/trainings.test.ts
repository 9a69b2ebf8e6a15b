import { describe, expect, it } from 'vitest';
import { methods, trainings, videoMethods } from '../../src/methods.js';
import { parseOptions } from '../../src/registry/parse-options.js';

describe('the registry\'s trainings', () => {
  /** Networks a method takes as an option rather than methods of their own: DFC-Net is propagate's flowCompletion=dfc. */
  const optionNetworks = ['dfcnet'];

  it('one per method marked trainable and per option network, and none for any other', () => {
    expect(trainings.map((t) => t.id).sort()).toEqual([...[...methods, ...videoMethods].filter((m) => m.trainable).map((m) => m.id), ...optionNetworks].sort());
  });

  it.each(trainings.map((t) => [t.id, t] as const))('%s: defaults give a crop size and batch, loss terms named uniquely', (_, training) => {
    const options = parseOptions(training, {});
    expect(Number.isInteger(options.size) && Number.isInteger(options.batch)).toBe(true);
    const names = training.lossTerms.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const key of training.fixedOnResume) expect(Object.keys(training.options.shape)).toContain(key);
  });
});
