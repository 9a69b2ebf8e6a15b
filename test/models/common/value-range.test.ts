/** Every value range and mask convention: the values the network sees, and bytes back unchanged. */
import { expect, it } from 'vitest';
import { createImage, createMask } from '../../../src/core/image.js';
import type { ValueRange } from '../../../src/models/common/network.js';
import { imageFromNetwork, imageToNetwork, maskToNetwork } from '../../../src/models/common/value-range.js';
import { tidy } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

/** One pixel of each of two colours: (0, 128, 255) and (255, 64, 10). */
const image = createImage(2, 1, Uint8Array.from([0, 128, 255, 255, 64, 10]));

const cases: [ValueRange, number[]][] = [
  [{ kind: '[0,1]' }, [0, 1, 128 / 255, 64 / 255, 1, 10 / 255]],
  [{ kind: '[-1,1]' }, [-1, 1, 128 / 127.5 - 1, 64 / 127.5 - 1, 1, 10 / 127.5 - 1]],
  [{ kind: 'imagenet' }, [-0.485 / 0.229, (1 - 0.485) / 0.229, (128 / 255 - 0.456) / 0.224, (64 / 255 - 0.456) / 0.224, (1 - 0.406) / 0.225, (10 / 255 - 0.406) / 0.225]],
  [{ kind: 'mean-subtracted', mean: [104, 117, 123] }, [-104, 151, 11, -53, 132, -113]],
];

describeWithEngine('value ranges and mask conventions', () => {
  it.each(cases)('%j: the network sees the documented values, and the image comes back byte for byte', (range, expected) => {
    const { values, back } = tidy(() => {
      const pixels = imageToNetwork(image, range);
      return { values: [...(pixels.toArray() as Float32Array)], back: imageFromNetwork(pixels, range) };
    });
    values.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 4));
    expect([...back.rgb]).toEqual([...image.rgb]);
  });

  it('1 = hole keeps the mask, 1 = valid inverts it', () => {
    const mask = createMask(3, 1, Uint8Array.from([1, 0, 1]));
    expect(tidy(() => [...(maskToNetwork(mask, '1 = hole').toArray() as Float32Array)])).toEqual([1, 0, 1]);
    expect(tidy(() => [...(maskToNetwork(mask, '1 = valid').toArray() as Float32Array)])).toEqual([0, 1, 0]);
  });
});
