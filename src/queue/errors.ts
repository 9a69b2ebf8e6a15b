import { InpaintError } from '../core/errors.js';

/** Redis cannot be reached (down, restarting, unreachable): the work is not lost, but cannot be taken or told now. */
export class QueueUnavailableError extends InpaintError {
  constructor(
    readonly queue: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`the job queue at ${queue} cannot be reached (${reason}); try again when it is back`, options);
  }
}
