/// <reference lib="webworker" />
import { patchMatchMethod } from '../../src/classical/patchmatch/method.js';
import { teleaMethod } from '../../src/classical/telea/method.js';
import { InpaintError, InvalidOptionError } from '../../src/core/errors.js';
import type { Image, Mask } from '../../src/core/image.js';
import { fillHoleWith } from '../../src/pipeline/fill-hole-with.js';
import type { ImageMethod } from '../../src/registry/method.js';
import { optionsJsonSchema } from '../../src/registry/options-json-schema.js';
import { selectObject } from '../../src/segmentation/select-object.js';
import type { Pixels, WorkerError, WorkerReply, WorkerRequest } from './browser-protocol.js';
import type { MethodInfo, OptionsSchema } from './method-info.js';

/**
 * The page's own worker: runs the image methods that need no weights and the click selection (the
 * toolkit's TypeScript, bundled from src/) off the page's thread. Requests are answered in turn; cancelling a fill
 * ends the whole worker (browser-client.ts), since patchmatch's loops do not look at messages.
 */

declare const self: DedicatedWorkerGlobalScope;

/** In the server's order, so the default (the first) is the server's default too. */
const browserMethods: readonly ImageMethod[] = [patchMatchMethod, teleaMethod];

function post(reply: WorkerReply, transfer: Transferable[] = []): void {
  self.postMessage(reply, transfer);
}

self.addEventListener('message', (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  void answer(id, request).catch((error: unknown) => post({ id, type: 'failed', error: workerError(error) }));
});

async function answer(id: number, request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'methods':
      post({ id, type: 'methods', methods: browserMethods.map(describeMethod) });
      return;
    case 'fill': {
      const method = browserMethods.find((m) => m.id === request.method);
      if (!method) throw new InvalidOptionError('method', `one of ${browserMethods.map((m) => m.id).join(', ')}`, request.method);
      const image = toImage(request.image);
      const filled = await fillHoleWith(method, image, toMask(request.image, request.holes), {
        options: request.options,
        onProgress: (fraction, stage) => post({ id, type: 'progress', fraction, stage }),
      });
      const result = toPixels(filled, request.image.rgba);
      post({ id, type: 'filled', image: result }, [result.rgba.buffer]);
      return;
    }
    case 'select': {
      const selected = selectObject(toImage(request.image), { include: request.include, exclude: request.exclude });
      post({ id, type: 'selected', holes: selected.data }, [selected.data.buffer]);
      return;
    }
  }
}

/** A method as `GET /api/v1/methods` describes it. */
function describeMethod(method: ImageMethod, index: number): MethodInfo {
  return {
    id: method.id,
    isDefault: index === 0,
    kind: method.kind,
    description: method.description,
    needsWeights: method.needsWeights,
    trainable: method.trainable,
    options: optionsJsonSchema(method) as OptionsSchema,
  };
}

function toImage({ width, height, rgba }: Pixels): Image {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, p = 0; p < rgba.length; i += 3, p += 4) {
    rgb[i] = rgba[p];
    rgb[i + 1] = rgba[p + 1];
    rgb[i + 2] = rgba[p + 2];
  }
  return { width, height, rgb };
}

function toMask({ width, height }: Pixels, holes: Uint8Array): Mask {
  return { width, height, data: holes };
}

/** The filled colours with the input's alpha, which inpainting leaves alone. */
function toPixels(image: Image, alphaFrom: Uint8ClampedArray): Pixels {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, p = 0; p < rgba.length; i += 3, p += 4) {
    rgba[p] = image.rgb[i];
    rgba[p + 1] = image.rgb[i + 1];
    rgba[p + 2] = image.rgb[i + 2];
    rgba[p + 3] = alphaFrom[p + 3];
  }
  return { width: image.width, height: image.height, rgba };
}

/** As the server answers its errors: the option at fault named, so the form can mark it. */
function workerError(error: unknown): WorkerError {
  if (error instanceof InvalidOptionError) {
    return { code: 'invalid_option', message: error.message, field: error.option };
  }
  if (error instanceof InpaintError) return { code: error.isInputError ? 'invalid_input' : 'internal', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
