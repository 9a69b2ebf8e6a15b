import { describe, expect, it } from 'vitest';
import { isJobId, newJobId } from '../../src/server/job-id.js';

describe('job ids', () => {
  it('new ids are job ids, and differ', () => {
    const ids = Array.from({ length: 100 }, newJobId);
    for (const id of ids) expect(isJobId(id)).toBe(true);
    expect(new Set(ids).size).toBe(100);
  });

  it.each([
    '../etc',
    '..',
    '',
    '/etc/passwd',
    '5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f1',
    '5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f11/..',
    '5F0C8E0E-7D53-4C1E-9A51-0C3B1D9E2F11',
    '5f0c8e0e-7d53-1c1e-9a51-0c3b1d9e2f11',
    '5f0c8e0e-7d53-4c1e-9a51-0c3b1d9e2f11\n',
  ])('%j is not a job id', (text) => {
    expect(isJobId(text)).toBe(false);
  });
});
