/**
 * The worker-thread side of a WorkerPool: a worker script calls `serveWorker(api)` once, and every
 * call the pool sends runs the named handler. Each call gets an AbortSignal that fires when the
 * caller cancels, so a long handler can stop between its stages; its error, whatever it is, goes
 * back through thread-error.ts with its class and fields.
 */
import { parentPort } from 'node:worker_threads';
import { Transferring, type FromWorker, type ToWorker, type WorkerApi } from './protocol.js';
import { toThreadError } from './thread-error.js';

export function serveWorker(api: WorkerApi): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run on a worker thread');
  const running = new Map<number, AbortController>();
  port.on('message', async (message: ToWorker) => {
    if (message.kind === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    try {
      const handler = api[message.method];
      if (!handler) throw new Error(`this worker serves ${Object.keys(api).join(', ')}, not ${message.method}`);
      const reply = await handler(message.request as never, controller.signal);
      const { value, transfer } = reply instanceof Transferring ? reply : { value: reply, transfer: [] };
      port.postMessage({ id: message.id, ok: true, value } satisfies FromWorker, transfer as ArrayBuffer[]);
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: toThreadError(error) } satisfies FromWorker);
    } finally {
      running.delete(message.id);
    }
  });
}
