import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { freePort, startRedisServer } from '../../bench/redis-server.js';

/** A redis-server of a test's own, on a free loopback port, its data in a temporary folder. */
export interface TestRedis {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /** Stops it (SIGTERM: it saves its append-only file first) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, with what it had saved. */
  start(): Promise<void>;
}

/** Starts a redis-server per call, each stopped and its folder removed after the test. */
export function useRedis(): () => Promise<TestRedis> {
  const started: { stop(): Promise<void>; folder: string }[] = [];
  afterEach(async () => {
    for (const { stop, folder } of started.splice(0)) {
      await stop();
      await rm(folder, { recursive: true, force: true });
    }
  });
  return async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inpaint-redis-'));
    const port = await freePort();
    let child: ChildProcess | undefined;
    const redis: TestRedis = {
      url: `redis://127.0.0.1:${port}`,
      async start() {
        child = await startRedisServer(port, folder, true);
      },
      async stop() {
        const running = child;
        child = undefined;
        if (!running || running.exitCode !== null) return;
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        await exited;
      },
    };
    started.push({ stop: () => redis.stop(), folder });
    await redis.start();
    return redis;
  };
}
