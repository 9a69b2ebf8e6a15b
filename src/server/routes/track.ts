import type { FastifyInstance } from 'fastify';
import { createFlowPool } from '../../classical/flow/flow-pool.js';
import { InvalidInputError } from '../../core/errors.js';
import type { Mask } from '../../core/image.js';
import { decodeMaskFrames, encodeMaskFrames, type MaskFramesJson } from '../../io/mask-runs.js';
import { readFrames } from '../../io/video/read-frames.js';
import { trackMasks } from '../../segmentation/track-masks.js';
import type { ServerLimits } from '../config.js';
import { newJobId } from '../job-id.js';
import { runLimited } from '../limited-run.js';
import { readMultipartForm } from '../multipart-form.js';
import type { ResultFolders } from '../result-folders.js';
import { receiveClip, type VideoClip } from '../video-upload.js';
import type { WorkQueue } from '../work-queue.js';

const trackFormFields = { files: ['video', 'keys'], texts: [] };

/**
 * `POST /api/v1/track`: multipart `video` and `keys` (mask frames JSON: the masks drawn on one
 * or more key frames) in; mask frames JSON with a mask for every frame of the clip out, tracked
 * from the key frames by optical flow (trackMasks). For the page to show before a video job, which
 * then takes those masks as its `mask`. The video is checked as a video job's is and held only
 * while the request runs; the work shares the queue and time limit, and stops if the client hangs up.
 */
export function registerTrackRoute(app: FastifyInstance, limits: ServerLimits, queue: WorkQueue, folders: ResultFolders): void {
  app.post('/api/v1/track', async (request, reply) => {
    const hangUp = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) hangUp.abort();
    });
    const id = newJobId();
    const saveVideo = {
      fields: ['video'],
      async path() {
        await folders.create(id);
        return folders.inputPath(id, 'video');
      },
    };
    let tracked: MaskFramesJson;
    try {
      const form = await readMultipartForm(request, trackFormFields, limits.maxUploadBytes, saveVideo);
      const videoPath = form.saved.get('video');
      if (!videoPath) throw new InvalidInputError('video', 'a video file in the multipart field "video"', 'no such field');
      const keysFile = form.files.get('keys');
      if (!keysFile) throw new InvalidInputError('keys', 'mask frames JSON of the key frames, in the field "keys"', 'no such field');
      const clip = await receiveClip(videoPath, limits);
      const keys = decodeMaskFrames(new TextDecoder().decode(keysFile), 'keys', clip);
      tracked = await runLimited((signal) => trackClip(videoPath, clip, keys, signal), {
        queue,
        timeLimitMs: limits.jobTimeLimitMs,
        signal: hangUp.signal,
      });
    } finally {
      // Before answering: once the client has the masks, nothing of its request is left here.
      await folders.remove(id);
    }
    return reply.type('application/json').send(tracked);
  });
}

async function trackClip(videoPath: string, clip: VideoClip, keys: ReadonlyMap<number, Mask>, signal: AbortSignal): Promise<MaskFramesJson> {
  const pool = createFlowPool();
  try {
    const masks = new Map<number, Mask>();
    const frames = readFrames(videoPath);
    for await (const mask of trackMasks(frames, keys, { frameCount: clip.frameCount, flow: (a, b) => pool.flow(a, b), signal })) {
      masks.set(masks.size, mask);
    }
    return encodeMaskFrames(clip.width, clip.height, masks);
  } finally {
    await pool.close();
  }
}
