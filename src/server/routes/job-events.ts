import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { JobEvent } from '../job.js';
import type { JobStore } from '../job-store.js';

/** A comment line this often keeps proxies and browsers from closing a quiet stream. */
const keepAliveMs = 15_000;

/**
 * `GET /api/v1/jobs/:id/events`: server-sent events. First `state` (the job's status now), then
 * `state` when it starts, `progress` ({fraction, stage}) as it works, and one of `done`, `failed`,
 * `cancelled` (with the final status, `error` included) as the last event, after which the
 * stream closes. A job that has already ended answers `state` and its end at once.
 */
export function registerJobEventsRoute(app: FastifyInstance, jobs: JobStore): void {
  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id/events', async (request, reply) => {
    // Looked up before the stream starts, so that an unknown id gets its 404 JSON.
    const job = jobs.get(request.params.id);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    writeEvent(stream, { type: 'state', status: job.status() });
    const { state } = job;
    if (state === 'done' || state === 'failed' || state === 'cancelled') {
      writeEvent(stream, { type: state, status: job.status() });
      stream.end();
      return;
    }
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), keepAliveMs);
    const stop = (): void => {
      clearInterval(keepAlive);
      unsubscribe();
    };
    const unsubscribe = job.subscribe((event) => {
      writeEvent(stream, event);
      if (event.type !== 'state' && event.type !== 'progress') {
        stop();
        stream.end();
      }
    });
    stream.on('close', stop);
  });
}

function writeEvent(stream: ServerResponse, event: JobEvent): void {
  const data = event.type === 'progress' ? { fraction: event.fraction, stage: event.stage } : event.status;
  stream.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
}
