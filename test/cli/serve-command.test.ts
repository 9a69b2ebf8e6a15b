import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';

function environment(signal: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) }, signal, debug: false },
  };
}

async function waitForLine(lines: string[], pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 250; i++) {
    const match = pattern.exec(lines.join(''));
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no line matching ${pattern} in ${JSON.stringify(lines)}`);
}

describe('inpaint serve', () => {
  it('--port 0: listens on loopback, prints the address, answers the API, stops on the signal with exit 0', async () => {
    const controller = new AbortController();
    const { env, out, err } = environment(controller.signal);
    const exit = runCli(['serve', '--port', '0', '--max-concurrent', '1'], env);
    const [, address] = await waitForLine(out, /serving on (http:\/\/127\.0\.0\.1:\d+)\//);
    const response = await fetch(`${address}/api/v1/methods`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }[]).map((m) => m.id)).toContain('telea');
    controller.abort();
    expect(await exit).toBe(0);
    expect(err).toEqual([]);
    await expect(fetch(`${address}/api/v1/methods`)).rejects.toThrow();
  });

  it.each([
    [['--port', '70000'], '--port'],
    [['--port', 'http'], '--port'],
    [['--max-concurrent', '0'], '--max-concurrent'],
    [['--max-upload-mb', '-5'], '--max-upload-mb'],
    [['--weights', 'generator.safetensors'], '--weights'],
    [['--weights', 'telea=/dev/null'], 'weights'],
    [['--weights', 'deepfillv2=/nonexistent/g.safetensors'], '/nonexistent/g.safetensors'],
  ])('%j: exit 2 naming the flag', async (flags, name) => {
    const { env, err } = environment(new AbortController().signal);
    expect(await runCli(['serve', ...flags], env)).toBe(2);
    expect(err.join('')).toContain(name);
  });

  it('a port already in use: exit 2 naming --port', async () => {
    const first = new AbortController();
    const running = environment(first.signal);
    const exit = runCli(['serve', '--port', '0'], running.env);
    const [, port] = await waitForLine(running.out, /127\.0\.0\.1:(\d+)\//);
    const { env, err } = environment(new AbortController().signal);
    expect(await runCli(['serve', '--port', port], env)).toBe(2);
    expect(err.join('')).toMatch(/--port/);
    first.abort();
    expect(await exit).toBe(0);
  });
});
