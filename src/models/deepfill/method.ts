/**
 * The registry entry `deepfillv2`: DeepFill v2 with weights from a file (`--weights FILE` on the
 * command line, the `weights` option in the library). The network runs on a worker thread
 * (fill-off-thread.ts) when the compiled worker script is there, else on the calling thread. A
 * loaded generator is kept per file (path, size and modification time) so a batch loads it once.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import type { ImageMethod } from '../../registry/method.js';
import { loadNative } from '../../torch/index.js';
import type { DeepFillGenerator } from './generator.js';
import { fillOffThread, fillWorkerScript } from './fill-off-thread.js';
import { fillWithGenerator } from './inpaint.js';
import { loadGenerator } from './weights.js';

const options = z.object({
  weights: z
    .string()
    .min(1)
    .optional()
    .describe('Generator weights: a .pth checkpoint of nipponjo/deepfillv2-pytorch (networks_tf, key G; zip or legacy format), a .safetensors file from inpaint train, or a release folder stored by inpaint weights import; required'),
});

const loaded = new Map<string, Promise<DeepFillGenerator>>();

export const deepFillV2Method: ImageMethod<typeof options> = {
  id: 'deepfillv2',
  kind: 'image',
  description: 'DeepFill v2 (Yu et al. 2019): gated convolutions and contextual attention; needs trained weights (--weights) and the libtorch engine',
  needsWeights: true,
  trainable: true,
  options,
  // Contextual attention copies from known features: give it as much context as the hole is large.
  contextMargin: (width, height) => Math.max(64, width, height),
  create: ({ weights }) => ({
    inpaint: async (image, mask, context) => {
      const file = await checkedWeights(weights);
      context.onProgress?.(0.1, 'deepfillv2');
      const script = fillWorkerScript();
      if (script) return fillOffThread(script, file, image, mask, context.signal);
      return fillWithGenerator(await generatorFor(file), image, mask, context.signal);
    },
  }),
};

/** The weights file's absolute path and identity, after checking the engine and the file. */
async function checkedWeights(weights: string | undefined): Promise<{ path: string; key: string }> {
  if (weights === undefined) {
    throw new InvalidOptionError('deepfillv2 weights', 'a weights file (--weights FILE: a .pth or .safetensors DeepFill v2 generator)', undefined);
  }
  loadNative(); // NativeEngineMissingError, saying what to install, before anything else.
  const path = resolve(weights);
  const info = await stat(path).catch((error: unknown) => {
    throw new InvalidInputError(weights, 'a readable DeepFill v2 weights file', (error as Error).message, { cause: error });
  });
  return { path, key: `${path}:${info.size}:${info.mtimeMs}` };
}

function generatorFor({ path, key }: { path: string; key: string }): Promise<DeepFillGenerator> {
  let generator = loaded.get(key);
  if (!generator) {
    generator = loadGenerator(path);
    loaded.set(key, generator);
    generator.catch(() => loaded.delete(key));
  }
  return generator;
}
