import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../core/errors.js';
import type { ServerLimits } from './config.js';
import { newJobId } from './job-id.js';
import { readMultipartForm, type FormSpec, type UploadedForm } from './multipart-form.js';
import type { ResultFolders } from './result-folders.js';
import { receiveClip, type VideoClip } from './video-upload.js';
import type { WorkQueue } from './work-queue.js';

/**
 * Reads a form with a `video` file into a scratch folder of its own (as a video job's upload is
 * stored, holding a queue place meanwhile), checks the clip as a video job's, hands both to `use`, and removes the folder before
 * returning: nothing of the request stays once it is answered.
 */
export async function withScratchVideo<T>(
  request: FastifyRequest,
  spec: FormSpec,
  server: { readonly limits: ServerLimits; readonly folders: ResultFolders; readonly queue: WorkQueue },
  use: (form: UploadedForm, videoPath: string, clip: VideoClip) => Promise<T>,
): Promise<T> {
  const { limits, folders, queue } = server;
  // As every upload: a place in the queue is held while it arrives.
  const release = queue.holdForUpload();
  const id = newJobId();
  try {
    let form: UploadedForm;
    try {
      form = await readMultipartForm(request, spec, limits.maxUploadBytes, folders.uploadDestination(id, ['video']));
    } finally {
      release();
    }
    const videoPath = form.saved.get('video');
    if (!videoPath) throw new InvalidInputError('video', 'a video file in the multipart field "video"', 'no such field');
    return await use(form, videoPath, await receiveClip(videoPath, limits));
  } finally {
    await folders.remove(id);
  }
}
