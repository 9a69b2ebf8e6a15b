import { throwIfCancelled } from '../core/errors.js';
import { readFrames } from '../io/video/read-frames.js';
import { openVideoMask } from '../io/video/video-mask.js';
import { createVideoWriter } from '../io/video/video-writer.js';
import { inpaintVideo } from '../pipeline/inpaint-video.js';
import type { JobWork } from './job-work.js';
import type { ResultFolders } from './result-folders.js';
import type { VideoJobInput } from './video-upload.js';

/**
 * A video job: frames stream from the uploaded clip through the video method into an mp4 in the
 * job's folder (the clip's audio kept), one frame in hand at a time. Progress is per frame; on
 * cancel, time limit or failure the writer is aborted, so no partial mp4 is ever left.
 */
export function videoJobWork(input: VideoJobInput, folders: ResultFolders): JobWork {
  const { id, video } = input;
  return {
    id,
    kind: 'video',
    method: input.method,
    async run({ signal, onProgress, onNote }) {
      const { width, height, frameCount } = video;
      const masks = await openVideoMask(input.maskPath, { width, height, frameCount, onNote });
      throwIfCancelled(signal);
      const writer = await createVideoWriter(folders.resultPath(id, 'video'), {
        width,
        height,
        fps: video.frameRate,
        audioFrom: input.videoPath,
      });
      try {
        const frames = readFrames(input.videoPath, { onNote });
        for await (const frame of inpaintVideo(frames, masks, { method: input.method, options: input.options, imageOptions: input.imageOptions, frameCount, onProgress, signal })) {
          await writer.write(frame);
        }
        throwIfCancelled(signal);
        await writer.close();
      } catch (error) {
        await writer.abort();
        throw error;
      }
    },
  };
}
