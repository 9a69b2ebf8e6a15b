import { imageJobWork } from './image-job.js';
import type { InpaintRequest } from './inpaint-input.js';
import type { JobStorage } from './job-storage.js';
import type { JobWork } from './job-work.js';
import { videoJobWork } from './video-job.js';
import type { VideoJobInput } from './video-upload.js';

/**
 * A job as received and checked, before it runs: an image job's uploads in memory, a video job's
 * in its folder. The server runs it itself (JobStore) or puts it on the shared queue (QueuedJobs).
 */
export type ReceivedJob =
  | { readonly kind: 'image'; readonly id: string; readonly request: InpaintRequest }
  | { readonly kind: 'video'; readonly id: string; readonly input: VideoJobInput };

/** The work of a received job, writing its result into `storage`. */
export function jobWorkFor(job: ReceivedJob, storage: JobStorage): JobWork {
  return job.kind === 'image' ? imageJobWork(job.id, job.request, storage) : videoJobWork(job.input, storage);
}
