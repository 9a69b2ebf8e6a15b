import type { Command } from 'commander';
import { InvalidOptionError } from '../core/errors.js';
import { queueUrlFrom, redisOptionsFromUrl } from '../queue/queue-url.js';

export interface QueueFlags {
  readonly queue?: string;
  readonly storage?: string;
}

/** Where a cluster's jobs go: its Redis queue and the storage folder every machine mounts. */
export interface QueueSettings {
  readonly url: string;
  readonly storage: string;
}

/** Adds `--queue URL` and `--storage DIR`, the two flags that put a command on a cluster. */
export function addQueueFlags(command: Command, what: string): Command {
  return command
    .option('--queue <url>', `${what} through the shared Redis queue at this URL: redis://[USER:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS (default: $INPAINT_QUEUE)`)
    .option('--storage <folder>', 'with --queue: the folder for uploads and results that every server and worker mounts (a network file system)');
}

/**
 * The queue settings of a command's flags (or INPAINT_QUEUE), or undefined to run locally. A
 * queue needs its storage, and storage without a queue is a mistake worth naming.
 */
export function resolveQueueFlags(flags: QueueFlags, required = false): QueueSettings | undefined {
  const url = queueUrlFrom(flags.queue);
  if (url === undefined) {
    if (required) throw new InvalidOptionError('--queue', 'the URL of the shared Redis queue (or INPAINT_QUEUE)', undefined);
    if (flags.storage !== undefined) throw new InvalidOptionError('--storage', 'only with --queue (or INPAINT_QUEUE)', flags.storage);
    return undefined;
  }
  redisOptionsFromUrl(url);
  if (flags.storage === undefined) throw new InvalidOptionError('--storage', 'the folder every server and worker of the queue mounts', undefined);
  return { url, storage: flags.storage };
}
