import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { glibcHypot } from '../../../src/classical/canny/glibc-hypot.js';

const probe = fileURLToPath(new URL('../../fixtures/classical/canny/hypot-probe.bin', import.meta.url));

describe('glibcHypot', () => {
  it('equals numpy.hypot to the bit on 2000 gradients, where Math.hypot does not', async () => {
    const bytes = await readFile(probe);
    const triples = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    let ours = 0, builtin = 0;
    for (let k = 0; k < triples.length; k += 3) {
      if (!Object.is(glibcHypot(triples[k], triples[k + 1]), triples[k + 2])) ours++;
      if (Math.hypot(triples[k], triples[k + 1]) !== triples[k + 2]) builtin++;
    }
    expect(triples.length / 3).toBe(2000);
    expect(ours).toBe(0);
    expect(builtin).toBeGreaterThan(100);
  });
});
