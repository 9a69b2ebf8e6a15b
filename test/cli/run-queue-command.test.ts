import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { startQueueWorker } from '../../src/queue/queue-worker.js';
import { ResultFolders } from '../../src/server/result-folders.js';
import { useRedis } from '../queue/redis-server.js';
import { readRgb, useTempFolder, writeBoxMask, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();
const startRedis = useRedis();
const box = { x0: 12, y0: 10, x1: 24, y1: 20 };

/** Runs the command line in this process (so that a worker here can serve it); exit status and output. */
async function inpaint(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, signal: new AbortController().signal, debug: false };
  const status = await runCli(args, env);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

describe('inpaint run --queue', () => {
  it('spreads a batch over the workers: the same results, failure list and exit status as a local run; the storage left empty', async () => {
    const dir = await tempFolder();
    const images = join(dir, 'images');
    const masks = join(dir, 'masks');
    await mkdir(images);
    await mkdir(masks);
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      await writePhoto(join(images, `${name}.png`), 40, 32, i);
      await writeBoxMask(join(masks, `${name}.png`), 40, 32, box);
    }
    await writeFile(join(images, 'broken.jpg'), 'not a jpeg');
    await writeBoxMask(join(masks, 'broken.png'), 40, 32, box);

    const redis = await startRedis();
    const storage = await tempFolder();
    const worker = await startQueueWorker({ url: redis.url, storage: await ResultFolders.open(storage), concurrency: 2, log: () => undefined });
    try {
      const batch = ['run', '--image', images, '--mask', masks, '--method', 'telea'];
      const queued = await inpaint([...batch, '--output', join(dir, 'queued'), '--queue', redis.url, '--storage', storage]);
      const local = await inpaint([...batch, '--output', join(dir, 'local')]);
      expect(queued.status).toBe(1);
      expect(local.status).toBe(1);
      const failureList = (text: string) => text.slice(text.indexOf('\nfailed:'));
      expect(failureList(queued.stderr)).toBe(failureList(local.stderr));
      expect(failureList(queued.stderr)).toContain(`  ${join(images, 'broken.jpg')}: `);
      expect(queued.stderr).toContain(`[1/4] a.png -> ${join(dir, 'queued', 'a.png')}`);
      expect((await readdir(join(dir, 'queued'))).sort()).toEqual(['a.png', 'b.png', 'c.png']);
      for (const name of ['a', 'b', 'c']) {
        expect((await readRgb(join(dir, 'queued', `${name}.png`))).rgb).toEqual((await readRgb(join(dir, 'local', `${name}.png`))).rgb);
      }
      expect(await readdir(storage)).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it.each([
    [['run', '--image', 'x.png', '--mask', 'm.png', '--output', 'o', '--storage', '/tmp'], '--storage'],
    [['run', '--image', 'x.png', '--mask', 'm.png', '--output', 'o', '--queue', 'redis://127.0.0.1:1'], '--storage'],
    [['worker', '--storage', '/tmp'], '--queue'],
    [['worker', '--queue', 'http://example.com', '--storage', '/tmp'], '--queue'],
    [['serve', '--queue', 'redis://127.0.0.1:1'], '--storage'],
    [['worker', '--queue', 'redis://127.0.0.1:6379', '--storage', '/tmp', '--concurrency', '0'], '--concurrency'],
  ])('%j: exit 2 naming %s', async (args, flag) => {
    const { status, stderr } = await inpaint(args);
    expect(status).toBe(2);
    expect(stderr).toContain(flag);
  });

  it('a queue that does not answer: exit 1 and a message that says so', async () => {
    const { status, stderr } = await inpaint(['worker', '--queue', 'redis://127.0.0.1:1', '--storage', await tempFolder()]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/job queue at redis:\/\/127\.0\.0\.1:1\/? cannot be reached/);
  });
});
