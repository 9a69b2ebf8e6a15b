import { describe, expect, it } from 'vitest';
import { teleaMethod } from '../../../src/classical/telea/method.js';
import { teleaInpaint } from '../../../src/classical/telea/telea.js';
import { InvalidOptionError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { parseOptions } from '../../../src/registry/parse-options.js';

describe('teleaMethod options', () => {
  it('no options: radius defaults to 3', () => {
    expect(parseOptions(teleaMethod, {})).toEqual({ radius: 3 });
  });

  it('radius 0 throws InvalidOptionError naming the option', () => {
    expect(() => parseOptions(teleaMethod, { radius: 0 })).toThrow(InvalidOptionError);
    expect(() => parseOptions(teleaMethod, { radius: 0 })).toThrow(/radius/);
  });

  it('radius 2.5 throws InvalidOptionError', () => {
    expect(() => parseOptions(teleaMethod, { radius: 2.5 })).toThrow(InvalidOptionError);
  });

  it('radius "3" (a string) throws InvalidOptionError', () => {
    expect(() => parseOptions(teleaMethod, { radius: '3' })).toThrow(InvalidOptionError);
  });

  it('radius 65 throws InvalidOptionError', () => {
    expect(() => parseOptions(teleaMethod, { radius: 65 })).toThrow(InvalidOptionError);
  });

  it('the created inpainter gives what teleaInpaint gives', async () => {
    const rgb = new Uint8Array(12 * 10 * 3).map((_, i) => (i * 7) % 256);
    const image = createImage(12, 10, rgb);
    const data = new Uint8Array(120);
    data.fill(1, 40, 46);
    data.fill(1, 52, 58);
    const mask = createMask(12, 10, data);
    const out = await teleaMethod.create({ radius: 2 }).inpaint(image, mask, {});
    expect(out.rgb).toEqual(teleaInpaint(image, mask, 2).rgb);
  });
});
