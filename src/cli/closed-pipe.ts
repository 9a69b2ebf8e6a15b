import type { EventEmitter } from 'node:events';

/**
 * Lets a write to a closed pipe end quietly: when the reader has gone (`inpaint --help | head -3`)
 * the rest of the output has nowhere to go, which is no failure of the command, so the EPIPE
 * error is dropped instead of crashing the process with a stack trace. The command runs on and
 * exits with its own status. Any other stream error is thrown as before.
 */
export function ignoreClosedPipe(stream: EventEmitter): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
