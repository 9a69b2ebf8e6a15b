import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { defaultLimits, resolveServerConfig } from '../../src/server/config.js';

describe('resolveServerConfig', () => {
  it('limits not given take their defaults', () => {
    const config = resolveServerConfig({ limits: { maxConcurrent: 4 } });
    expect(config.limits).toEqual({ ...defaultLimits, maxConcurrent: 4 });
  });

  it.each([
    ['maxUploadBytes', 0],
    ['maxPixels', -1],
    ['maxVideoFrames', 0],
    ['maxVideoSeconds', 2.5],
    ['maxConcurrent', 1.5],
    ['maxQueued', -1],
    ['jobTimeLimitMs', Number.NaN],
    ['resultTtlMs', 0],
  ])('%s = %s: InvalidOptionError naming limits.%s', (name, value) => {
    expect(() => resolveServerConfig({ limits: { [name]: value } })).toThrow(InvalidOptionError);
    expect(() => resolveServerConfig({ limits: { [name]: value } })).toThrow(`limits.${name}`);
  });

  it('maxQueued 0 is allowed (no waiting: refuse when every slot runs)', () => {
    expect(resolveServerConfig({ limits: { maxQueued: 0 } }).limits.maxQueued).toBe(0);
  });
});
