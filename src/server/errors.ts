import { InpaintError } from '../core/errors.js';

/**
 * Failures only the server has: each class carries what the JSON error body reports, and
 * error-response.ts gives each its status.
 */

/** An uploaded file or field is larger than the server accepts. */
export class UploadTooLargeError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly field: string,
    readonly limitBytes: number,
  ) {
    super(`${field}: expected at most ${limitBytes} bytes but received more`);
  }
}

/** A video job's video (or mask video) plays longer than the server takes. */
export class VideoTooLongError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly field: string,
    readonly frames: number,
    readonly seconds: number,
    readonly maxFrames: number,
    readonly maxSeconds: number,
  ) {
    super(
      `${field}: expected at most ${maxFrames} frames and ${maxSeconds} s but received ${frames} frames (${round(seconds)} s)`,
    );
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/** Every work slot and every place in the queue is taken. */
export class QueueFullError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly running: number,
    readonly queued: number,
  ) {
    super(`the server is busy: ${running} running and ${queued} waiting, which is all it takes; try again later`);
  }
}

/** No job has this id: it never existed, was malformed, or its results have expired. */
export class JobNotFoundError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly id: string) {
    super(`no job ${JSON.stringify(id.slice(0, 64))}: it does not exist or has expired`);
  }
}

/** A job's result was asked for before the job was done (or after it failed or was cancelled). */
export class ResultNotReadyError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly id: string,
    readonly state: string,
  ) {
    super(`job ${id} has no result: it is ${state}`);
  }
}

/** A piece of work ran longer than the server's per-job time limit and was stopped. */
export class TimeLimitError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly limitMs: number) {
    super(`the work ran past the server's time limit of ${limitMs / 1000} s and was stopped: try a smaller image or hole, or a faster method`);
  }
}

/** A Range request for bytes a result file does not have. */
export class RangeNotSatisfiableError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly size: number) {
    super(`the range asked for is outside the file's ${size} bytes`);
  }
}

/** A request that changes something came from a page of another origin. */
export class CrossOriginError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly origin: string,
    readonly host: string,
  ) {
    super(`requests from ${origin} are refused: only pages served by ${host} may send work`);
  }
}

/** An API request without the server's token (`Authorization: Bearer T`), or with another one. */
export class UnauthorizedError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly sent: 'none' | 'another') {
    super(
      sent === 'none'
        ? 'this server needs its token: send Authorization: Bearer <token>'
        : 'the token sent is not this server\'s',
    );
  }
}

/**
 * A request whose Host header names none of the names the server was started for: a web page of
 * another site whose name was made to point at this server (DNS rebinding) sends exactly that.
 */
export class HostNotAllowedError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly host: string,
    readonly allowed: readonly string[],
  ) {
    super(`requests for host ${host} are refused: this server answers for ${allowed.join(', ')} (inpaint serve --allowed-host NAME adds one)`);
  }
}
