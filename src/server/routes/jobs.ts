import { open } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import type { ServerLimits } from '../config.js';
import { parseByteRange, type ByteRange } from '../byte-range.js';
import { JobNotFoundError } from '../errors.js';
import { imageJobWork } from '../image-job.js';
import { inpaintFormFields, readInpaintRequest } from '../inpaint-input.js';
import type { OfferedMethods } from '../offered-methods.js';
import { newJobId } from '../job-id.js';
import type { JobStore } from '../job-store.js';
import type { JobWork } from '../job-work.js';
import { readMultipartForm, type UploadedForm } from '../multipart-form.js';
import type { ResultFolders } from '../result-folders.js';
import type { WorkQueue } from '../work-queue.js';
import { videoJobWork } from '../video-job.js';
import { receiveVideoJob } from '../video-upload.js';

interface JobParams {
  readonly id: string;
}

/**
 * A job's form: an image job's fields (`image`, `mask`, `method`, `options`), or a video job's
 * (`video`, `mask` image or video, `method`, `options`); `kind` says which, and defaults to video
 * when a `video` file is sent.
 */
const jobFormFields = {
  files: [...inpaintFormFields.files, 'video'],
  texts: [...inpaintFormFields.texts, 'kind'],
};

/**
 * Jobs for long work: `POST /api/v1/jobs` queues one (202 with its status), `GET /api/v1/jobs/:id`
 * tells its state, `DELETE /api/v1/jobs/:id` cancels it (a finished one is removed, result and all), `GET /api/v1/jobs/:id/result` answers
 * its PNG or mp4 (one byte range when asked, so that a player can seek). Ids are checked before anything is looked up.
 */
export function registerJobRoutes(
  app: FastifyInstance,
  limits: ServerLimits,
  queue: WorkQueue,
  jobs: JobStore,
  folders: ResultFolders,
  offered: OfferedMethods,
): void {
  app.post('/api/v1/jobs', async (request, reply) => {
    const release = queue.holdForUpload();
    const id = newJobId();
    try {
      const form = await readMultipartForm(request, jobFormFields, limits.maxUploadBytes, folders.uploadDestination(id, ['video']));
      const work = await jobWork(id, form, limits, folders, offered);
      release();
      const job = jobs.submit(work);
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job.status());
    } catch (error) {
      // Refused: nothing of the upload stays behind.
      await folders.remove(id);
      throw error;
    } finally {
      release();
    }
  });

  app.get<{ Params: JobParams }>('/api/v1/jobs/:id', async (request) => jobs.get(request.params.id).status());

  app.delete<{ Params: JobParams }>('/api/v1/jobs/:id', async (request) => (await jobs.cancelOrRemove(request.params.id)).status());

  app.get<{ Params: JobParams }>('/api/v1/jobs/:id/result', async (request, reply) => {
    const { id } = request.params;
    const result = jobs.result(id);
    const file = await open(result.path).catch((error: NodeJS.ErrnoException) => {
      // Expired between the lookup and the read.
      throw error.code === 'ENOENT' ? new JobNotFoundError(id) : error;
    });
    const { size } = await file.stat();
    let range: ByteRange | undefined;
    try {
      range = parseByteRange(request.headers.range, size);
    } catch (error) {
      await file.close();
      throw error;
    }
    reply.type(result.contentType).header('accept-ranges', 'bytes').header('content-disposition', `inline; filename="${result.fileName}"`);
    if (!range) return reply.header('content-length', size).send(file.createReadStream());
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1)
      .send(file.createReadStream({ start: range.start, end: range.end }));
  });
}

async function jobWork(id: string, form: UploadedForm, limits: ServerLimits, folders: ResultFolders, offered: OfferedMethods): Promise<JobWork> {
  const kind = form.texts.get('kind') ?? (form.saved.has('video') ? 'video' : 'image');
  if (kind === 'video') return videoJobWork(await receiveVideoJob(id, form, limits, folders, offered), folders);
  if (kind !== 'image') throw new InvalidOptionError('kind', '"image" or "video"', kind);
  if (form.saved.has('video')) throw new InvalidInputError('video', 'no video in an image job (kind "image")', 'a video file');
  return imageJobWork(id, await readInpaintRequest(form, limits.maxPixels, offered), folders);
}
