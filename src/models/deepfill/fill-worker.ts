/**
 * Worker-thread entry of fill-off-thread.ts: loads a generator once per weights file and fills
 * one image per message, so the whole network runs off the caller's thread. The image and mask
 * bytes come copied; the filled image's bytes go back transferred.
 */
import { parentPort } from 'node:worker_threads';
import { createImage, createMask } from '../../core/image.js';
import type { DeepFillGenerator } from './generator.js';
import { fillWithGenerator } from './inpaint.js';
import { loadGenerator } from './weights.js';

export interface FillRequest {
  readonly id: number;
  /** Absolute path plus size and modification time: a changed file is loaded again. */
  readonly weightsKey: string;
  readonly weightsPath: string;
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  readonly mask: Uint8Array;
}

export type FillReply =
  | { readonly id: number; readonly rgb: Uint8Array }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string; readonly loading: boolean } };

const generators = new Map<string, DeepFillGenerator>();

parentPort!.on('message', async (request: FillRequest) => {
  let loading = true;
  try {
    let generator = generators.get(request.weightsKey);
    if (!generator) {
      generator = await loadGenerator(request.weightsPath);
      for (const old of generators.values()) old.dispose();
      generators.clear();
      generators.set(request.weightsKey, generator);
    }
    loading = false;
    const { width, height } = request;
    const filled = fillWithGenerator(generator, createImage(width, height, request.rgb), createMask(width, height, request.mask));
    parentPort!.postMessage({ id: request.id, rgb: filled.rgb } satisfies FillReply, [filled.rgb.buffer as ArrayBuffer]);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    parentPort!.postMessage({ id: request.id, error: { name, message, loading } } satisfies FillReply);
  }
});
