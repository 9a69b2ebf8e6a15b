import { throwIfCancelled } from '../core/errors.js';
import type { InpaintRequest } from './inpaint-input.js';
import { inpaintToPng } from './inpaint-to-png.js';
import type { JobWork } from './job-work.js';
import type { JobStorage } from './job-storage.js';

/** An image job: the inpainting runs, and its PNG is written to the job's folder. */
export function imageJobWork(id: string, request: InpaintRequest, folders: JobStorage): JobWork {
  return {
    id,
    kind: 'image',
    method: request.method,
    async run({ signal, onProgress, onNote }) {
      const png = await inpaintToPng(request, { signal, onProgress, onNote });
      throwIfCancelled(signal);
      await folders.writeResult(id, png);
    },
  };
}
