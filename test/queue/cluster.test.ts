import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startInpaint } from '../cli/built-cli.js';
import { useTempFolder } from '../io/temp-folder.js';
import { compareOutsideBox, decodeRgb, makeBoxMask, makeImage, waitFor, type Box } from '../server/helpers.js';
import { statusOf, submit, untilEnded } from '../server/job-requests.js';
import { useRedis } from './redis-server.js';

const tempFolder = useTempFolder();
const startRedis = useRedis();

/** Every process a test started, with what it printed; any still running is killed after it. */
const processes: { child: ChildProcess; out: () => string }[] = [];
afterEach(async () => {
  await Promise.all(
    processes.splice(0).map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }),
  );
});

function start(args: string[]): { child: ChildProcess; out: () => string } {
  const child = startInpaint(args);
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const started = { child, out: () => text };
  processes.push(started);
  return started;
}

const size = 112;
const hole: Box = { x0: 30, y0: 28, x1: 80, y1: 76 };

describe('a cluster of real processes: two inpaint serve and two inpaint worker on one Redis and one storage folder', () => {
  it('jobs posted to either server, results fetched from the other; a worker SIGKILLed mid-job: every job ends with its own result', async () => {
    const redis = await startRedis();
    const storage = await tempFolder();
    const queue = ['--queue', redis.url, '--storage', storage];
    const servers = [start(['serve', '--port', '0', ...queue]), start(['serve', '--port', '0', ...queue])];
    const workers = [start(['worker', ...queue, '--stall-timeout', '3']), start(['worker', ...queue, '--stall-timeout', '3'])];
    const urls: string[] = [];
    for (const server of servers) {
      await waitFor(() => /serving on (http:\/\/[^/\s]+)\//.test(server.out()), 60_000);
      urls.push(/serving on (http:\/\/[^/\s]+)\//.exec(server.out())![1]);
    }
    for (const worker of workers) await waitFor(() => worker.out().includes('taking jobs'), 60_000);

    // Patchmatch with many iterations, so that a job is still running when its worker is killed.
    const mask = await makeBoxMask(size, size, hole);
    const jobs = await Promise.all(
      Array.from({ length: 6 }, async (_, seed) => {
        const image = await makeImage(size, size, seed);
        const posted = urls[seed % 2];
        const { id } = await submit(posted, { image: image.png, mask, method: 'patchmatch', options: '{"iterations": 12}' });
        return { id, image, answeredBy: urls[(seed + 1) % 2] };
      }),
    );

    const [doomed, survivor] = workers;
    await waitFor(() => /started (\S+)/.test(doomed.out()), 60_000);
    doomed.child.kill('SIGKILL');
    const killedJob = /started (\S+)/.exec(doomed.out())![1];
    expect(doomed.out()).not.toContain(`done ${killedJob}`);

    for (const { id, image, answeredBy } of jobs) {
      const status = await untilEnded(answeredBy, id, 180_000);
      expect(status.state).toBe('done');
      const result = await fetch(`${answeredBy}${status.resultUrl}`);
      expect(result.status).toBe(200);
      const output = await decodeRgb(await result.arrayBuffer());
      const { knownDiffering, holeChanged } = compareOutsideBox(image.rgb, output.rgb, size, size, hole);
      expect(knownDiffering).toBe(0);
      expect(holeChanged).toBeGreaterThan(0);
    }
    // The killed worker's job ran again on the other one.
    expect(survivor.out()).toContain(`started ${killedJob}`);
    expect(survivor.out()).toContain(`done ${killedJob}`);
    expect((await statusOf(urls[0], killedJob)).state).toBe('done');

    // SIGTERM: the worker stops cleanly.
    const exited = new Promise<number | null>((resolve) => survivor.child.once('exit', resolve));
    survivor.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 300_000);

  it('SIGTERM while a job runs: the worker finishes it, then exits 0', async () => {
    const redis = await startRedis();
    const storage = await tempFolder();
    const queue = ['--queue', redis.url, '--storage', storage];
    const server = start(['serve', '--port', '0', ...queue]);
    const worker = start(['worker', ...queue]);
    await waitFor(() => /serving on (http:\/\/[^/\s]+)\//.test(server.out()), 60_000);
    const url = /serving on (http:\/\/[^/\s]+)\//.exec(server.out())![1];
    await waitFor(() => worker.out().includes('taking jobs'), 60_000);
    const image = await makeImage(size, size, 3);
    const { id } = await submit(url, { image: image.png, mask: await makeBoxMask(size, size, hole), method: 'patchmatch', options: '{"iterations": 12}' });
    await waitFor(() => worker.out().includes(`started ${id}`), 60_000);
    const exited = new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(worker.out()).toContain(`done ${id}`);
    expect((await statusOf(url, id)).state).toBe('done');
  }, 180_000);
});
