import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { InvalidOptionError } from '../../core/errors.js';
import type { ServerLimits } from '../config.js';
import { JobNotFoundError, NotImplementedError } from '../errors.js';
import { inpaintFormFields, readInpaintRequest } from '../inpaint-input.js';
import type { JobStore } from '../job-store.js';
import { readMultipartForm } from '../multipart-form.js';

interface JobParams {
  readonly id: string;
}

/** A job's form: the inpainting's fields, `kind` (image or video), and a `video` file for later. */
const jobFormFields = {
  files: [...inpaintFormFields.files, 'video'],
  texts: [...inpaintFormFields.texts, 'kind'],
};

/**
 * Jobs for long work: `POST /api/v1/jobs` queues one (202 with its status), `GET /api/v1/jobs/:id`
 * tells its state, `DELETE /api/v1/jobs/:id` cancels it, `GET /api/v1/jobs/:id/result` answers
 * its PNG. Ids are checked before anything is looked up.
 */
export function registerJobRoutes(app: FastifyInstance, limits: ServerLimits, jobs: JobStore): void {
  app.post('/api/v1/jobs', async (request, reply) => {
    const form = await readMultipartForm(request, jobFormFields, limits.maxUploadBytes);
    const kind = form.texts.get('kind') ?? 'image';
    if (kind === 'video' || form.files.has('video')) {
      throw new NotImplementedError('video jobs (the video pipeline has not landed yet; image jobs work)');
    }
    if (kind !== 'image') throw new InvalidOptionError('kind', '"image" or "video"', kind);
    const job = jobs.submit(await readInpaintRequest(form, limits.maxPixels));
    return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job.status());
  });

  app.get<{ Params: JobParams }>('/api/v1/jobs/:id', async (request) => jobs.get(request.params.id).status());

  app.delete<{ Params: JobParams }>('/api/v1/jobs/:id', async (request) => (await jobs.cancel(request.params.id)).status());

  app.get<{ Params: JobParams }>('/api/v1/jobs/:id/result', async (request, reply) => {
    const { id } = request.params;
    const png = await readFile(jobs.resultPath(id)).catch((error: NodeJS.ErrnoException) => {
      // Expired between the lookup and the read.
      throw error.code === 'ENOENT' ? new JobNotFoundError(id) : error;
    });
    return reply.type('image/png').header('content-disposition', `inline; filename="inpainted-${id}.png"`).send(png);
  });
}
