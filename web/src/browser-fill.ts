import type { BrowserWorker } from './browser-client.js';
import { canvasToPng, context2d, readPixels } from './canvas.js';
import type { FillInput, FillListener, FillRun } from './fill-run.js';
import { overlayHoles } from './mask-overlay.js';

/** A fill in the page's own worker: no server, no upload. Cancelling ends the worker mid-work. */
export function startBrowserFill(worker: BrowserWorker, input: FillInput, listener: FillListener): FillRun {
  let stopped = false;
  const result = (async () => {
    const { width, height, data } = readPixels(input.image);
    listener.onState('running');
    try {
      const filled = await worker.fill(
        { method: input.method, options: input.options, image: { width, height, rgba: data }, holes: overlayHoles(input.mask) },
        listener.onProgress,
      );
      const canvas = document.createElement('canvas');
      canvas.width = filled.width;
      canvas.height = filled.height;
      context2d(canvas).putImageData(new ImageData(filled.rgba, filled.width, filled.height), 0, 0);
      return await canvasToPng(canvas);
    } catch (error) {
      if (stopped) return undefined;
      throw error;
    }
  })();
  const stop = (): void => {
    stopped = true;
    worker.stop('the fill was stopped');
  };
  return {
    result,
    async cancel() {
      stop();
    },
    abandon: stop,
  };
}
