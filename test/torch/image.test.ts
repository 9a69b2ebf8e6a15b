/** Image and Mask to tensors and back. */
import { expect, it } from 'vitest';
import { createImage, createMask } from '../../src/core/image.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { imageToTensor, maskToTensor, tensor, tensorToImage, tidy, zeros } from '../../src/torch/index.js';
import { describeWithEngine, valuesOf } from './engine.js';

/** A 3x2 image whose bytes are all different, so a channel or pixel mix-up shows. */
const image = createImage(3, 2, Uint8Array.from({ length: 18 }, (_, i) => i * 15));

describeWithEngine('image tensors', () => {
  it('a 3x2 image becomes [1,3,2,3] planar values in [0,1]', () => {
    tidy(() => {
      const t = imageToTensor(image);
      expect(t.shape).toEqual([1, 3, 2, 3]);
      const values = valuesOf(t);
      // red plane: bytes 0, 3, 6, ... of the interleaved data
      expect(values.slice(0, 6).map((v) => Math.round(v * 255))).toEqual([0, 45, 90, 135, 180, 225]);
      expect(Math.round(values[6] * 255)).toBe(15); // first green byte
    });
  });

  it('image -> tensor -> image is exact, in [0,1] and in [-1,1]', () => {
    tidy(() => {
      expect(tensorToImage(imageToTensor(image)).rgb).toEqual(image.rgb);
      const signed = imageToTensor(image, { signed: true });
      expect(Math.min(...valuesOf(signed))).toBe(-1);
      expect(tensorToImage(signed, { signed: true }).rgb).toEqual(image.rgb);
    });
  });

  it('tensorToImage clamps values outside [0,1]', () => {
    tidy(() => {
      const out = tensorToImage(tensor([-0.5, 2, 0.5], [3, 1, 1]));
      expect(Array.from(out.rgb)).toEqual([0, 255, 128]);
    });
  });

  it('a mask becomes [1,1,H,W] with 1 in the hole', () => {
    tidy(() => {
      const t = maskToTensor(createMask(2, 2, Uint8Array.from([0, 1, 1, 0])));
      expect(t.shape).toEqual([1, 1, 2, 2]);
      expect(valuesOf(t)).toEqual([0, 1, 1, 0]);
    });
  });

  it('a [1,1,2,2] tensor is not an image: InvalidInputError', () => {
    tidy(() => {
      expect(() => tensorToImage(zeros([1, 1, 2, 2]))).toThrow(InvalidInputError);
    });
  });
});
