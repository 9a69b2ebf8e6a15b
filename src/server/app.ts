import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { InvalidOptionError } from '../core/errors.js';
import { JobQueue } from '../queue/job-queue.js';
import { resolveServerConfig, type ServerConfig, type ServerConfigInput } from './config.js';
import { errorResponse } from './error-response.js';
import type { JobBoard } from './job-board.js';
import type { JobStorage } from './job-storage.js';
import { JobStore } from './job-store.js';
import { refuseForeignHosts } from './allowed-hosts.js';
import { requireBearerToken } from './bearer-token.js';
import { checkMethodWeights, offeredMethods } from './offered-methods.js';
import { ResultFolders } from './result-folders.js';
import { registerInpaintRoute } from './routes/inpaint.js';
import { registerJobEventsRoute } from './routes/job-events.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerMethodRoutes } from './routes/methods.js';
import { registerVideoToolRoutes } from './routes/video-tools.js';
import { registerWebPage } from './routes/web-page.js';
import { QueuedJobs } from './queued-jobs.js';
import { refuseCrossOrigin } from './same-origin.js';
import { WorkQueue } from './work-queue.js';

/**
 * The HTTP server: the API under /api/v1 and the web page at /. Not yet listening: call
 * `listen({ port, host })`, and `close()` to cancel running jobs and remove their results (with a
 * shared queue, jobs stay with the cluster). Limits not given take their defaults (config.ts).
 */
export async function createServer(input: ServerConfigInput = {}): Promise<FastifyInstance> {
  const config = resolveServerConfig(input);
  const { limits } = config;
  await checkMethodWeights(config.weights);
  if (config.queue !== undefined && config.resultsRoot === undefined) {
    throw new InvalidOptionError('resultsRoot', 'the storage folder every server and worker of the queue mounts', undefined);
  }
  const folders = await ResultFolders.open(config.resultsRoot);
  await folders.removeExpired(limits.resultTtlMs);

  // Open event streams would keep close() waiting: they are ended when the jobs are (preClose).
  // Slow clients are cut off: headers and whole requests each have a time limit, checked often
  // enough that the limit holds to about a second.
  const app = Fastify({
    logger: config.logger ?? false,
    forceCloseConnections: true,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs / 2),
    },
  });
  // Holds uploads (and, without a shared queue, runs the work) within the limits.
  const queue = new WorkQueue(limits.maxConcurrent, limits.maxQueued);
  const jobs = await openJobBoard(config, folders, queue, (error) => app.log.error(error));

  app.setErrorHandler(async (error, request, reply) => {
    const { status, body, headers } = errorResponse(error);
    if (status >= 500) request.log.error(error);
    return reply.code(status).headers(headers ?? {}).send(body);
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `nothing at ${request.method} ${request.url.slice(0, 200)}` } }),
  );
  // Host first: a rebound name learns nothing, not even whether a token is needed.
  app.addHook('onRequest', refuseForeignHosts(config.allowedHosts ?? [], config.allowIpHosts ?? false));
  if (config.token !== undefined) app.addHook('onRequest', requireBearerToken(config.token));
  app.addHook('onRequest', refuseCrossOrigin);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  await app.register(multipart);

  const offered = offeredMethods(config.weights);
  registerMethodRoutes(app, offered);
  registerInpaintRoute(app, limits, queue, jobs, folders, offered);
  registerJobRoutes(app, limits, queue, jobs, folders, offered);
  registerJobEventsRoute(app, jobs);
  registerVideoToolRoutes(app, limits, queue, folders);
  await registerWebPage(app, config.webRoot);

  app.addHook('preClose', async () => jobs.close());
  app.addHook('onClose', async () => folders.close());
  return app;
}

/** Where this server's jobs run: in this process, or on the workers of a shared queue. */
async function openJobBoard(config: ServerConfig, folders: JobStorage, queue: WorkQueue, onInternalError: (error: unknown) => void): Promise<JobBoard> {
  const { limits } = config;
  if (config.queue === undefined) return new JobStore(folders, queue, limits, onInternalError);
  const shared = await JobQueue.open(config.queue, { retainMs: limits.resultTtlMs });
  return new QueuedJobs(shared, folders, limits, onInternalError);
}
