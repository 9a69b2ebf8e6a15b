import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { isEnded, type JobEvent } from '../job.js';
import type { JobBoard } from '../job-board.js';

/** A comment line this often keeps proxies and browsers from closing a quiet stream. */
const keepAliveMs = 15_000;

/**
 * `GET /api/v1/jobs/:id/events`: server-sent events. First `state` (the job's status now), then
 * `state` when it starts, `progress` ({fraction, stage}) as it works, and one of `done`, `failed`,
 * `cancelled` (with the final status, `error` included) as the last event, after which the
 * stream closes. A job that has already ended answers `state` and its end at once.
 */
export function registerJobEventsRoute(app: FastifyInstance, jobs: JobBoard): void {
  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id/events', async (request, reply) => {
    // Events that come before the stream has started wait for it.
    const early: JobEvent[] = [];
    let send = (event: JobEvent): void => void early.push(event);
    // Looked up before the stream starts, so that an unknown id gets its 404 JSON.
    const watch = await jobs.watch(request.params.id, (event) => send(event));
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    writeEvent(stream, { type: 'state', status: watch.status });
    const { state } = watch.status;
    if (isEnded(state)) {
      writeEvent(stream, { type: state, status: watch.status });
      stream.end();
      return;
    }
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), keepAliveMs);
    const stop = (): void => {
      clearInterval(keepAlive);
      watch.stop();
    };
    send = (event) => {
      writeEvent(stream, event);
      if (event.type !== 'state' && event.type !== 'progress') {
        stop();
        stream.end();
      }
    };
    for (const event of early.splice(0)) send(event);
    stream.on('close', stop);
  });
}

function writeEvent(stream: ServerResponse, event: JobEvent): void {
  const data = event.type === 'progress' ? { fraction: event.fraction, stage: event.stage } : event.status;
  stream.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
}
