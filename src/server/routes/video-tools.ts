import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../../core/errors.js';
import type { Mask } from '../../core/image.js';
import { decodeMaskFrames, encodeMaskFrames, type MaskFramesJson } from '../../io/mask-runs.js';
import { trackClipMasks } from '../../pipeline/track-clip-masks.js';
import type { ServerLimits } from '../config.js';
import { runLimited } from '../limited-run.js';
import type { ResultFolders } from '../result-folders.js';
import { withScratchVideo } from '../scratch-video.js';
import type { VideoClip } from '../video-upload.js';
import type { WorkQueue } from '../work-queue.js';

const trackFormFields = { files: ['video', 'keys'], texts: [] };

/**
 * `POST /api/v1/video-info`: multipart `video` in; what the server reads of it out (width, height,
 * frameRate, frameCount, ...), after the checks of a video job, so the page can step through its
 * frames and hear of a refusal before anything is drawn.
 *
 * `POST /api/v1/track`: multipart `video` and `keys` (mask frames JSON: the masks drawn on one
 * or more key frames) in; mask frames JSON with a mask for every frame of the clip out, tracked
 * from the key frames by optical flow (trackMasks). For the page to show before a video job, which
 * then takes those masks as its `mask`. The video is checked as a video job's is and held only
 * while the request runs; the work shares the queue and time limit, and stops if the client hangs up.
 */
export function registerVideoToolRoutes(app: FastifyInstance, limits: ServerLimits, queue: WorkQueue, folders: ResultFolders): void {
  app.post('/api/v1/video-info', async (request) =>
    withScratchVideo(request, { files: ['video'], texts: [] }, { limits, folders, queue }, async (_form, _path, clip) => clip),
  );

  app.post('/api/v1/track', async (request, reply) => {
    const hangUp = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) hangUp.abort();
    });
    const tracked = await withScratchVideo(request, trackFormFields, { limits, folders, queue }, async (form, videoPath, clip) => {
      const keysFile = form.files.get('keys');
      if (!keysFile) throw new InvalidInputError('keys', 'mask frames JSON of the key frames, in the field "keys"', 'no such field');
      const keys = decodeMaskFrames(new TextDecoder().decode(keysFile), 'keys', clip);
      return runLimited((signal) => trackClip(videoPath, clip, keys, signal), { queue, timeLimitMs: limits.jobTimeLimitMs, signal: hangUp.signal });
    });
    return reply.type('application/json').send(tracked);
  });
}

async function trackClip(videoPath: string, clip: VideoClip, keys: ReadonlyMap<number, Mask>, signal: AbortSignal): Promise<MaskFramesJson> {
  const masks = new Map<number, Mask>();
  for await (const mask of trackClipMasks(videoPath, keys, { frameCount: clip.frameCount, signal })) masks.set(masks.size, mask);
  return encodeMaskFrames(clip.width, clip.height, masks);
}
