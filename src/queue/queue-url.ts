import type { RedisOptions } from 'bullmq';
import { InvalidOptionError } from '../core/errors.js';

const expected = 'a Redis URL: redis://[USER:PASSWORD@]HOST[:PORT][/DB], or rediss://... for TLS';

/**
 * The Redis connection a `--queue` URL (or INPAINT_QUEUE) names, as BullMQ and ioredis take it: user and
 * password from the URL, a database number from its path, TLS for `rediss://`.
 */
export function redisOptionsFromUrl(url: string, flag = '--queue'): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidOptionError(flag, expected, url);
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !parsed.hostname) {
    throw new InvalidOptionError(flag, expected, describeQueue(url));
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new InvalidOptionError(flag, `${expected} (DB a number)`, describeQueue(url));
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(db && { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' && { tls: { servername: parsed.hostname } }),
  };
}

/** The URL without its password, for messages and logs. */
export function describeQueue(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}

/** The queue URL of a command: its `--queue` flag, else INPAINT_QUEUE, else none (run locally). */
export function queueUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env.INPAINT_QUEUE;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}
