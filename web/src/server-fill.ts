import { cancelJob, fetchResult, followJob, startJob } from './api.js';
import { canvasToPng } from './canvas.js';
import type { FillInput, FillListener, FillRun } from './fill-run.js';
import { overlayToMaskPng } from './mask-overlay.js';

/** A fill as a job of the server that served the page: upload, follow its events, fetch the PNG. */
export function startServerFill(input: FillInput, listener: FillListener): FillRun {
  const following = new AbortController();
  let id: string | undefined;
  let cancelRequested = false;
  const result = (async () => {
    const [image, mask] = await Promise.all([canvasToPng(input.image), overlayToMaskPng(input.mask)]);
    // The upload is never aborted: a job the server has made must be known, to be cancelled.
    id = await startJob({ image, mask, method: input.method, options: input.options });
    if (cancelRequested) await cancelJob(id);
    const end = await followJob(
      id,
      { onState: ({ state }) => listener.onState(state === 'queued' ? 'queued' : 'running'), onProgress: listener.onProgress },
      following.signal,
    );
    if (end.state === 'cancelled') return undefined;
    if (end.state === 'failed') throw end.error;
    return fetchResult(id, following.signal);
  })();
  return {
    result,
    async cancel() {
      cancelRequested = true;
      // Else the upload's end asks, as soon as the server names the job.
      if (id) await cancelJob(id);
    },
    abandon() {
      cancelRequested = true;
      following.abort();
      if (id) void cancelJob(id).catch(() => undefined);
    },
  };
}
