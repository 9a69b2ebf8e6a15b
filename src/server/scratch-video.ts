import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../core/errors.js';
import type { ServerLimits } from './config.js';
import { newJobId } from './job-id.js';
import { readMultipartForm, type FormSpec, type UploadedForm } from './multipart-form.js';
import type { ResultFolders } from './result-folders.js';
import { receiveClip, videoUploadInto, type VideoClip } from './video-upload.js';

/**
 * Reads a form with a `video` file into a scratch folder of its own (as a video job's upload is
 * stored), checks the clip as a video job's, hands both to `use`, and removes the folder before
 * returning: nothing of the request stays once it is answered.
 */
export async function withScratchVideo<T>(
  request: FastifyRequest,
  spec: FormSpec,
  limits: ServerLimits,
  folders: ResultFolders,
  use: (form: UploadedForm, videoPath: string, clip: VideoClip) => Promise<T>,
): Promise<T> {
  const id = newJobId();
  try {
    const form = await readMultipartForm(request, spec, limits.maxUploadBytes, videoUploadInto(folders, id));
    const videoPath = form.saved.get('video');
    if (!videoPath) throw new InvalidInputError('video', 'a video file in the multipart field "video"', 'no such field');
    return await use(form, videoPath, await receiveClip(videoPath, limits));
  } finally {
    await folders.remove(id);
  }
}
