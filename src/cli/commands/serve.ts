import type { Command } from 'commander';
import { InvalidOptionError } from '../../core/errors.js';
import { createServer } from '../../server/app.js';
import { defaultLimits, type ServerLimits } from '../../server/config.js';
import { integerParser } from '../option-values.js';
import type { CliEnvironment } from '../terminal.js';

interface ServeFlags {
  readonly port: number;
  readonly host: string;
  readonly maxUploadMb: number;
  readonly maxPixels: number;
  readonly maxVideoFrames: number;
  readonly maxVideoSeconds: number;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly jobTimeLimit: number;
  readonly resultTtl: number;
  readonly resultsDir?: string;
  readonly webRoot?: string;
  readonly weights?: Record<string, string>;
  readonly token?: string;
  readonly allowedHost?: string[];
  readonly headersTimeout: number;
  readonly requestTimeout: number;
}

const mebibyte = 1024 * 1024;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);
const wildcardHosts = new Set(['0.0.0.0', '::']);

export function registerServeCommand(program: Command, env: CliEnvironment): void {
  program
    .command('serve')
    .description('serve the web page and the HTTP API (/api/v1) until Ctrl-C')
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--host <address>', 'address to listen on; anything but loopback lets the network in: give it a --token', '127.0.0.1')
    .option('--token <token>', 'require Authorization: Bearer <token> on every API request (401 otherwise); the page asks for it once. Default: $INPAINT_TOKEN')
    .option('--allowed-host <name>', 'a host name clients reach the server by, besides loopback and --host (repeatable); requests naming another host are refused (DNS rebinding)', collectRepeated)
    .option('--max-upload-mb <n>', 'largest uploaded file, in MiB (413 beyond)', integerParser('--max-upload-mb', 1), defaultLimits.maxUploadBytes / mebibyte)
    .option('--max-pixels <n>', 'most pixels an image may have (422 beyond)', integerParser('--max-pixels', 1), defaultLimits.maxPixels)
    .option('--max-video-frames <n>', 'most frames a video job\'s video may have (422 beyond)', integerParser('--max-video-frames', 1), defaultLimits.maxVideoFrames)
    .option('--max-video-seconds <n>', 'longest a video job\'s video may play, in seconds (422 beyond)', integerParser('--max-video-seconds', 1), defaultLimits.maxVideoSeconds)
    .option('--max-concurrent <n>', 'requests and jobs running at once', integerParser('--max-concurrent', 1), defaultLimits.maxConcurrent)
    .option('--max-queued <n>', 'requests and jobs waiting for a free slot (429 beyond)', integerParser('--max-queued', 0), defaultLimits.maxQueued)
    .option('--job-time-limit <seconds>', 'longest a request or job may run once started', integerParser('--job-time-limit', 1), defaultLimits.jobTimeLimitMs / 1000)
    .option('--result-ttl <seconds>', 'how long a finished job and its result are kept', integerParser('--result-ttl', 1), defaultLimits.resultTtlMs / 1000)
    .option('--headers-timeout <seconds>', 'longest a client may take to send its request headers', integerParser('--headers-timeout', 1), defaultLimits.headersTimeoutMs / 1000)
    .option('--request-timeout <seconds>', 'longest a client may take to send a whole request, upload included', integerParser('--request-timeout', 1), defaultLimits.requestTimeoutMs / 1000)
    .option('--results-dir <folder>', 'folder for the job result folders (default: a temporary folder, removed on exit)')
    .option('--web-root <folder>', 'folder of the built web page (default: the package\'s web/dist)')
    .option(
      '--weights <method=file>',
      'offer a network method with these weights, e.g. deepfillv2=generator.safetensors (repeatable); requests cannot name files',
      collectMethodWeights,
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inpaint serve',
        '  $ inpaint serve --port 9000 --max-concurrent 1 --job-time-limit 120',
        '  $ inpaint serve --weights deepfillv2=out/deepfill/generator.safetensors',
        '  $ INPAINT_TOKEN=$(openssl rand -hex 16) inpaint serve --host 0.0.0.0 --allowed-host inpaint.example.org',
      ].join('\n'),
    )
    .action((flags: ServeFlags) => serve(flags, env));
}

async function serve(flags: ServeFlags, env: CliEnvironment): Promise<void> {
  const limits: ServerLimits = {
    maxUploadBytes: flags.maxUploadMb * mebibyte,
    maxPixels: flags.maxPixels,
    maxVideoFrames: flags.maxVideoFrames,
    maxVideoSeconds: flags.maxVideoSeconds,
    maxConcurrent: flags.maxConcurrent,
    maxQueued: flags.maxQueued,
    jobTimeLimitMs: flags.jobTimeLimit * 1000,
    resultTtlMs: flags.resultTtl * 1000,
    headersTimeoutMs: flags.headersTimeout * 1000,
    requestTimeoutMs: flags.requestTimeout * 1000,
  };
  const token = flags.token ?? (process.env.INPAINT_TOKEN || undefined);
  const listensEverywhere = wildcardHosts.has(flags.host);
  const app = await createServer({
    limits,
    resultsRoot: flags.resultsDir,
    webRoot: flags.webRoot,
    weights: flags.weights,
    token,
    allowedHosts: [...(listensEverywhere ? [] : [flags.host]), ...(flags.allowedHost ?? [])],
    allowIpHosts: listensEverywhere,
  });
  let address: string;
  try {
    address = await app.listen({ port: flags.port, host: flags.host });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new InvalidOptionError('--port', 'a port no other program listens on', flags.port);
    }
    throw error;
  }
  if (!loopbackHosts.has(flags.host) && token === undefined) {
    env.stderr.write(`warning: listening on ${flags.host} without --token: anyone who can reach it can use this server\n`);
  }
  env.stdout.write(`inpaint: serving on ${address}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    if (env.signal.aborted) resolve();
    else env.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await app.close();
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || port > 65535) throw new InvalidOptionError('--port', 'an integer from 0 to 65535', text);
  return port;
}

/** `--weights method=file`, repeatable: one file per method. */
function collectMethodWeights(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = pair.indexOf('=');
  const id = pair.slice(0, equals).trim(), file = pair.slice(equals + 1).trim();
  if (equals < 1 || !file) throw new InvalidOptionError('--weights', 'method=FILE, such as deepfillv2=generator.safetensors', pair);
  if (previous[id] !== undefined) throw new InvalidOptionError('--weights', `one file for ${id}`, pair);
  return { ...previous, [id]: file };
}

function collectRepeated(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
