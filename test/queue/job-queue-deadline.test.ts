/**
 * A Redis that holds a connection open but stops answering (stopped mid-way, overloaded, a network
 * dropping packets) must not hold a caller forever: connecting and each call fail with
 * QueueUnavailableError after `answerWithinMs`, and calls work again once answers come back.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueUnavailableError } from '../../src/queue/errors.js';
import { JobQueue } from '../../src/queue/job-queue.js';
import { useRedis } from './redis-server.js';

const startRedis = useRedis();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A TCP server on a free loopback port; its url. */
async function listen(onConnection: (socket: Socket) => void): Promise<string> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return `redis://127.0.0.1:${port}`;
}

/** A proxy to `target` that can hold every byte back (as a stalled Redis or network would) and let them through later. */
async function freezableProxy(target: string): Promise<{ url: string; freeze(frozen: boolean): void }> {
  const { port, hostname } = new URL(target);
  const sockets: Socket[] = [];
  const url = await listen((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.push(client, upstream);
    client.pipe(upstream).pipe(client);
    for (const [a, b] of [[client, upstream], [upstream, client]]) a.on('error', () => b.destroy()).on('close', () => b.destroy());
  });
  servers.at(-1)!.on('close', () => sockets.forEach((s) => s.destroy()));
  // A paused socket reads nothing more: its bytes wait in the kernel's buffers, as they would for a stalled peer.
  return { url, freeze: (frozen) => sockets.forEach((s) => (frozen ? s.pause() : s.resume())) };
}

describe('JobQueue deadlines', () => {
  it('a server that accepts connections but never answers: opening fails with QueueUnavailableError in time', async () => {
    const silent: Socket[] = [];
    const url = await listen((socket) => silent.push(socket));
    const started = Date.now();
    const opening = JobQueue.open(url, { retainMs: 60_000, answerWithinMs: 500 });
    await expect(opening).rejects.toThrow(QueueUnavailableError);
    await expect(opening).rejects.toThrow(/cannot be reached \(no answer within 0.5 s\)/);
    expect(Date.now() - started).toBeLessThan(5000);
    silent.forEach((s) => s.destroy());
  });

  it('a connection that goes silent: each call fails in time; when answers come back, calls work again', async () => {
    const redis = await startRedis();
    const proxy = await freezableProxy(redis.url);
    const queue = await JobQueue.open(proxy.url, { retainMs: 60_000, answerWithinMs: 500 });
    try {
      expect(await queue.get('0000000000000000')).toBeUndefined();
      proxy.freeze(true);
      await expect(queue.get('0000000000000000')).rejects.toThrow(/cannot be reached \(no answer within 0.5 s\)/);
      await expect(queue.cancel('0000000000000000')).rejects.toThrow(QueueUnavailableError);
      proxy.freeze(false);
      expect(await queue.get('0000000000000000')).toBeUndefined();
    } finally {
      await queue.close();
    }
  });
});
