import type { FastifyInstance } from 'fastify';
import type { ServerLimits } from '../config.js';
import { inpaintFormFields, readInpaintRequest } from '../inpaint-input.js';
import type { JobBoard } from '../job-board.js';
import { newJobId } from '../job-id.js';
import type { JobStorage } from '../job-storage.js';
import { readMultipartForm } from '../multipart-form.js';
import type { OfferedMethods } from '../offered-methods.js';
import type { WorkQueue } from '../work-queue.js';

/**
 * `POST /api/v1/inpaint`: multipart `image`, `mask` (or the image's alpha), `method`, `options`
 * (JSON) in, the filled PNG out. Runs where the jobs run, under the same limits; a client that
 * hangs up stops its work.
 */
export function registerInpaintRoute(
  app: FastifyInstance,
  limits: ServerLimits,
  queue: WorkQueue,
  jobs: JobBoard,
  folders: JobStorage,
  offered: OfferedMethods,
): void {
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
    const png = await jobs.inpaint(inpainting, hangUp.signal);
    return reply.type('image/png').send(png);
  });
}
