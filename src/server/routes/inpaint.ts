import type { FastifyInstance } from 'fastify';
import type { ServerLimits } from '../config.js';
import { inpaintFormFields, readInpaintRequest } from '../inpaint-input.js';
import type { OfferedMethods } from '../offered-methods.js';
import { inpaintToPng } from '../inpaint-to-png.js';
import { runLimited } from '../limited-run.js';
import { newJobId } from '../job-id.js';
import { readMultipartForm } from '../multipart-form.js';
import type { ResultFolders } from '../result-folders.js';
import type { WorkQueue } from '../work-queue.js';

/**
 * `POST /api/v1/inpaint`: multipart `image`, `mask` (or the image's alpha), `method`, `options`
 * (JSON) in, the filled PNG out. Shares the work queue with the jobs, so the same limits hold; a
 * client that hangs up stops its work.
 */
export function registerInpaintRoute(app: FastifyInstance, limits: ServerLimits, queue: WorkQueue, folders: ResultFolders, offered: OfferedMethods): void {
  app.post('/api/v1/inpaint', async (request, reply) => {
    const release = queue.holdForUpload();
    const hangUp = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) hangUp.abort();
    });
    // The uploads pass through a folder of their own, gone once they are read.
    const uploads = newJobId();
    let inpainting;
    try {
      const form = await readMultipartForm(request, inpaintFormFields, limits.maxUploadBytes, folders.uploadDestination(uploads));
      inpainting = await readInpaintRequest(form, limits.maxPixels, offered);
    } finally {
      release();
      await folders.remove(uploads);
    }
    const png = await runLimited((signal) => inpaintToPng(inpainting, { signal }), {
      queue,
      timeLimitMs: limits.jobTimeLimitMs,
      signal: hangUp.signal,
    });
    return reply.type('image/png').send(png);
  });
}
