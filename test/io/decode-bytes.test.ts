import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, PixelLimitError } from '../../src/core/errors.js';
import { decodeBytes, probeBytes } from '../../src/io/decode-bytes.js';
import { imageFromPixels } from '../../src/io/image-from-pixels.js';

describe('decodeBytes', () => {
  it('RGBA PNG bytes: 4 channels, pixels as written', async () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 11) % 256);
    const png = await sharp(rgba, { raw: { width: 3, height: 2, channels: 4 } }).png().toBuffer();
    const pixels = await decodeBytes(png, 'upload');
    expect([pixels.width, pixels.height, pixels.channels, pixels.hasAlpha]).toEqual([3, 2, 4, true]);
    expect([...pixels.data]).toEqual([...rgba]);
  });

  it('maxPixels: PixelLimitError from the header, naming the input and the size', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).png().toBuffer();
    await expect(decodeBytes(png, 'image', { maxPixels: 1199 })).rejects.toBeInstanceOf(PixelLimitError);
    await expect(decodeBytes(png, 'image', { maxPixels: 1199 })).rejects.toThrow('image: expected at most 1199 pixels but received 40x30 = 1200');
    expect((await decodeBytes(png, 'image', { maxPixels: 1200 })).width).toBe(40);
  });

  it('bytes that are no image: InvalidInputError naming the input', async () => {
    const error = await decodeBytes(Buffer.from('not an image'), 'mask').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).input).toBe('mask');
  });

  it('imageFromPixels: alpha kept apart, a note for grayscale naming the input', async () => {
    const png = await sharp(Buffer.from([0, 255, 128, 64]), { raw: { width: 2, height: 2, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    const notes: string[] = [];
    const image = imageFromPixels(await decodeBytes(png, 'image'), 'image', (n) => notes.push(n));
    expect([...image.rgb.subarray(0, 6)]).toEqual([0, 0, 0, 255, 255, 255]);
    expect(image.alpha).toBeUndefined();
    expect(notes).toEqual(['image is grayscale: converted to RGB']);
  });

  it('probeBytes: size and alpha from the header, EXIF orientation applied, pixel limit checked', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#80808080' } }).png().toBuffer();
    expect(await probeBytes(png, 'image')).toEqual({ width: 40, height: 30, hasAlpha: true });
    const rotated = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await probeBytes(rotated, 'image')).toEqual({ width: 30, height: 40, hasAlpha: false });
    await expect(probeBytes(png, 'image', { maxPixels: 100 })).rejects.toBeInstanceOf(PixelLimitError);
    await expect(probeBytes(Buffer.from('nope'), 'image')).rejects.toBeInstanceOf(InvalidInputError);
  });
});
