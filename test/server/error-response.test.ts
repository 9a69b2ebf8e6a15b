import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  InvalidInputError,
  InvalidOptionError,
  MaskCoversEverythingError,
  NativeEngineMissingError,
  PixelLimitError,
  SizeMismatchError,
  UnknownMethodError,
} from '../../src/core/errors.js';
import { errorResponse } from '../../src/server/error-response.js';
import {
  CrossOriginError,
  JobNotFoundError,
  QueueFullError,
  RangeNotSatisfiableError,
  ResultNotReadyError,
  TimeLimitError,
  UploadTooLargeError,
  VideoTooLongError,
} from '../../src/server/errors.js';
import { FfmpegMissingError } from '../../src/io/video/ffmpeg.js';

describe('errorResponse', () => {
  it.each([
    [new InvalidOptionError('telea option radius', 'number to be >=1', 0), 400, 'invalid_option', { field: 'telea option radius', expected: 'number to be >=1', received: 0 }],
    [new UnknownMethodError('x', ['a', 'b']), 400, 'unknown_method', { field: 'method', expected: 'one of a, b', received: 'x' }],
    [new InvalidInputError('image', 'a PNG', 'text'), 400, 'invalid_input', { field: 'image', expected: 'a PNG', received: 'text' }],
    [new SizeMismatchError('mask size', { width: 4, height: 3 }, { width: 2, height: 2 }), 400, 'size_mismatch', { field: 'mask', expected: '4x3', received: '2x2' }],
    [new MaskCoversEverythingError(2, 2), 400, 'mask_covers_everything', { field: 'mask' }],
    [new CrossOriginError('http://a', 'b'), 403, 'cross_origin', { field: 'origin', received: 'http://a' }],
    [new JobNotFoundError('../etc'), 404, 'job_not_found', {}],
    [new ResultNotReadyError('id', 'running'), 409, 'result_not_ready', { received: 'running' }],
    [new UploadTooLargeError('mask', 10), 413, 'upload_too_large', { field: 'mask', expected: 'at most 10 bytes' }],
    [new PixelLimitError('image', 100, 20, 10), 422, 'too_many_pixels', { field: 'image', expected: 'at most 100 pixels', received: '20x10 = 200 pixels' }],
    [new RangeNotSatisfiableError(100), 416, 'range_not_satisfiable', { field: 'range' }],
    [new TimeLimitError(1000), 422, 'time_limit', {}],
    [new VideoTooLongError('video', 90, 3, 50, 60), 422, 'video_too_long', { field: 'video', expected: 'at most 50 frames and 60 s', received: '90 frames, 3 s' }],
    [new QueueFullError(2, 32), 429, 'queue_full', {}],
    [new FfmpegMissingError('ffprobe'), 503, 'video_unavailable', {}],
    [new CancelledError(), 503, 'cancelled', {}],
    [new NativeEngineMissingError('no libtorch'), 500, 'internal', {}],
  ])('%s: %i %s', (error, status, code, details) => {
    const answer = errorResponse(error);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, message: (error as Error).message, ...details });
  });

  it('416 tells the size', () => {
    expect(errorResponse(new RangeNotSatisfiableError(100)).headers).toEqual({ 'content-range': 'bytes */100' });
  });

  it('429 tells when to retry', () => {
    expect(errorResponse(new QueueFullError(1, 1)).headers).toEqual({ 'retry-after': '1' });
  });

  it('a long received text is cut, not echoed whole', () => {
    const received = errorResponse(new InvalidOptionError('options', 'a JSON object', 'x'.repeat(10_000))).body.error.received as string;
    expect(received.length).toBeLessThan(300);
  });

  it("a framework 4xx keeps its status; an unknown error is a 500 that tells nothing of the server's internals", () => {
    expect(errorResponse(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }))).toMatchObject({ status: 415, body: { error: { code: 'bad_request' } } });
    expect(errorResponse(new Error('ENOENT: /secret/path'))).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal server error' } } });
  });
});
