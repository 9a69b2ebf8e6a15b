import {
  CancelledError,
  InpaintError,
  InvalidInputError,
  InvalidOptionError,
  MaskCoversEverythingError,
  PixelLimitError,
  SizeMismatchError,
  UnknownMethodError,
} from '../core/errors.js';
import { FfmpegMissingError } from '../io/video/ffmpeg.js';
import {
  CrossOriginError,
  HostNotAllowedError,
  JobNotFoundError,
  QueueFullError,
  RangeNotSatisfiableError,
  ResultNotReadyError,
  TimeLimitError,
  UnauthorizedError,
  UploadTooLargeError,
  VideoTooLongError,
} from './errors.js';

/** The JSON body of every error answer: what went wrong and, where one is at fault, which field. */
export interface ErrorBody {
  readonly error: {
    /** Stable, machine-readable: `invalid_option`, `queue_full`, ... */
    readonly code: string;
    /** One sentence for a person. */
    readonly message: string;
    /** The request field or option at fault (`image`, `mask`, `method`, `telea option radius`). */
    readonly field?: string;
    readonly expected?: string;
    readonly received?: unknown;
  };
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Longest text echoed back in `received`: enough to recognise a value, not to mirror an upload. */
const maxEchoedLength = 200;

/**
 * The answer for an error: the toolkit's input errors are 4xx with their structured fields, a
 * failure of the server itself is a 500 that tells nothing of its internals.
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof InvalidOptionError) {
    return answer(400, 'invalid_option', error, { field: error.option, expected: error.expected, received: echo(error.received) });
  }
  if (error instanceof UnknownMethodError) {
    return answer(400, 'unknown_method', error, { field: 'method', expected: `one of ${error.known.join(', ')}`, received: echo(error.method) });
  }
  if (error instanceof SizeMismatchError) {
    return answer(400, 'size_mismatch', error, { field: 'mask', expected: size(error.expected), received: size(error.received) });
  }
  if (error instanceof MaskCoversEverythingError) return answer(400, 'mask_covers_everything', error, { field: 'mask' });
  if (error instanceof PixelLimitError) {
    // 422, not 413: the upload was within its byte limit; what it decodes to is beyond what the server processes.
    return answer(422, 'too_many_pixels', error, {
      field: error.input,
      expected: `at most ${error.limit} pixels`,
      received: `${error.width}x${error.height} = ${error.width * error.height} pixels`,
    });
  }
  if (error instanceof VideoTooLongError) {
    // 422 like the pixel limit: a well-formed upload that is more work than this server takes.
    return answer(422, 'video_too_long', error, {
      field: error.field,
      expected: `at most ${error.maxFrames} frames and ${error.maxSeconds} s`,
      received: `${error.frames} frames, ${Math.round(error.seconds * 100) / 100} s`,
    });
  }
  if (error instanceof InvalidInputError) {
    return answer(400, 'invalid_input', error, { field: error.input, expected: error.expected, received: echo(error.received) });
  }
  if (error instanceof UploadTooLargeError) {
    return answer(413, 'upload_too_large', error, { field: error.field, expected: `at most ${error.limitBytes} bytes` });
  }
  if (error instanceof QueueFullError) {
    return { ...answer(429, 'queue_full', error), headers: { 'retry-after': '1' } };
  }
  if (error instanceof CrossOriginError) {
    return answer(403, 'cross_origin', error, { field: 'origin', expected: `an origin whose host is ${error.host}`, received: echo(error.origin) });
  }
  if (error instanceof UnauthorizedError) {
    return { ...answer(401, 'unauthorized', error, { field: 'authorization' }), headers: { 'www-authenticate': 'Bearer' } };
  }
  if (error instanceof HostNotAllowedError) {
    return answer(403, 'host_not_allowed', error, { field: 'host', expected: `one of ${error.allowed.join(', ')}`, received: echo(error.host) });
  }
  if (error instanceof JobNotFoundError) return answer(404, 'job_not_found', error);
  if (error instanceof ResultNotReadyError) return answer(409, 'result_not_ready', error, { received: error.state });
  if (error instanceof RangeNotSatisfiableError) {
    return { ...answer(416, 'range_not_satisfiable', error, { field: 'range' }), headers: { 'content-range': `bytes */${error.size}` } };
  }
  if (error instanceof TimeLimitError) return answer(422, 'time_limit', error, { expected: `at most ${error.limitMs} ms of work` });
  // The server's own lack, told plainly: the client cannot fix it, the operator can.
  if (error instanceof FfmpegMissingError) return answer(503, 'video_unavailable', error);
  if (error instanceof CancelledError) return answer(503, 'cancelled', error);
  if (error instanceof InpaintError) {
    return error.isInputError ? answer(400, 'invalid_input', error) : answer(500, 'internal', error);
  }
  const framework = frameworkClientError(error);
  if (framework) return framework;
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error' } } };
}

/** Fastify's own 4xx errors (wrong content type, body over `bodyLimit`, ...), kept as they are. */
function frameworkClientError(error: unknown): ErrorResponse | undefined {
  const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  const code = statusCode === 413 ? 'upload_too_large' : 'bad_request';
  return { status: statusCode, body: { error: { code, message: typeof message === 'string' ? message : 'bad request' } } };
}

function answer(status: number, code: string, error: Error, details: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorResponse {
  return { status, body: { error: { code, message: error.message, ...details } } };
}

function echo(value: unknown): unknown {
  if (typeof value === 'string' && value.length > maxEchoedLength) return `${value.slice(0, maxEchoedLength)}...`;
  return value;
}

function size({ width, height }: { width: number; height: number }): string {
  return `${width}x${height}`;
}
