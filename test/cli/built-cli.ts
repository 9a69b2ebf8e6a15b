import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled command, as users run it; `npm test` builds it first. */
export const builtCli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` first (npm test does)`);
}

/** Runs `node dist/src/cli/main.js ...args` to completion (60 s at most). */
export function runInpaint(args: readonly string[], env: Record<string, string> = {}): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [builtCli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, INPAINT_DEBUG: '', ...env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command without waiting, for tests that signal it while it works. */
export function startInpaint(args: readonly string[]) {
  assertBuilt();
  return spawn(process.execPath, [builtCli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Sends SIGINT to a command started by startInpaint once a PNG file appears in `folder`, and
 * resolves with its exit status and what it wrote on stderr.
 */
export async function interruptOncePngIn(child: ReturnType<typeof startInpaint>, folder: string): Promise<{ status: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const poll = setInterval(() => {
    readdir(folder).then(
      (names) => {
        if (names.some((n) => n.endsWith('.png')) && !child.killed) child.kill('SIGINT');
      },
      () => undefined,
    );
  }, 20);
  const status = await closed.finally(() => clearInterval(poll));
  return { status, stderr };
}
