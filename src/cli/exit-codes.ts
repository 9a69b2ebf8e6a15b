import { CommanderError } from 'commander';
import { CancelledError, InpaintError } from '../core/errors.js';

/** The exit statuses of `inpaint`. */
export const exitCodes = {
  done: 0,
  /** The work failed (or, in a batch, some of it did). */
  failed: 1,
  /** Bad usage or input: an unknown flag, a missing file, an option out of range. */
  badInput: 2,
  /** Stopped with Ctrl-C: 128 + SIGINT, as shells report it. */
  cancelled: 130,
} as const;

/** The exit status an error ends the command with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.done : exitCodes.badInput;
  if (error instanceof CancelledError) return exitCodes.cancelled;
  if (error instanceof InpaintError && error.isInputError) return exitCodes.badInput;
  return exitCodes.failed;
}

/** One line `inpaint: <message>`; with `debug`, the stack (and its causes) follow. */
export function formatError(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `inpaint: ${message}\n`;
  if (!debug) return line;
  let details = '';
  for (let e: unknown = error; e instanceof Error; e = e.cause) details += `${e.stack ?? e.message}\n`;
  return line + details;
}
