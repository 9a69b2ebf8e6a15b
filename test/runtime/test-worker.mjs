// A worker for test/runtime/worker-pool.test.ts, run from the build (dist/): a worker thread cannot load TypeScript.
import { InpaintError, InvalidInputError } from '../../dist/src/core/errors.js';
import { Transferring } from '../../dist/src/runtime/protocol.js';
import { serveWorker } from '../../dist/src/runtime/serve-worker.js';

class FrameGapError extends InpaintError {
  isInputError = true;
  constructor(frame) {
    super(`frame ${frame} is missing`);
    this.frame = frame;
  }
}

let cancelsSeen = 0;

serveWorker({
  double: ({ values }) => {
    const out = Float32Array.from(values, (v) => 2 * v);
    return new Transferring(out, [out.buffer]);
  },
  badInput: () => {
    throw new InvalidInputError('mask.png', 'a mask of 8x8', '4x4');
  },
  unknownInputError: () => {
    throw new FrameGapError(7);
  },
  bug: () => {
    throw new TypeError('x is not a function');
  },
  untilCancelled: (_request, signal) => new Promise((resolve) => signal.addEventListener('abort', () => {
    cancelsSeen++;
    resolve('stopped');
  })),
  cancelsSeen: () => cancelsSeen,
  die: () => process.exit(3),
});
