/** Without the libtorch addon, deepfillv2 fails with NativeEngineMissingError saying what to install. */
import { expect, it, vi } from 'vitest';
import { NativeEngineMissingError } from '../../../src/core/errors.js';

vi.mock('../../../src/torch/native.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/torch/native.js')>()),
  loadNative: () => {
    throw new NativeEngineMissingError('build/Release/inpaint_torch.node does not exist');
  },
}));

it('deepfillv2 with weights but no addon: NativeEngineMissingError naming libtorch and build:native', async () => {
  const { inpaintImage } = await import('../../../src/pipeline/inpaint-image.js');
  const { createImage, createMask } = await import('../../../src/core/image.js');
  const image = createImage(8, 8, new Uint8Array(8 * 8 * 3));
  const mask = createMask(8, 8, new Uint8Array(64).map((_, i) => (i === 27 ? 1 : 0)));
  const run = inpaintImage(image, mask, { method: 'deepfillv2', options: { weights: 'weights.pth' } });
  await expect(run).rejects.toThrow(NativeEngineMissingError);
  await expect(inpaintImage(image, mask, { method: 'deepfillv2', options: { weights: 'weights.pth' } })).rejects.toThrow(/npm run build:native/);
});
