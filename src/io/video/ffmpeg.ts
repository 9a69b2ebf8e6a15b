import { spawn, type ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { InpaintError } from '../../core/errors.js';

/** Where to find the ffmpeg executable; ffprobe is looked for beside it. */
export interface FfmpegOptions {
  /** Path or command name of ffmpeg. @default process.env.INPAINT_FFMPEG ?? 'ffmpeg' */
  readonly ffmpeg?: string;
}

/** The ffmpeg (or ffprobe) executable could not be started. */
export class FfmpegMissingError extends InpaintError {
  constructor(readonly executable: string, options?: { cause?: unknown }) {
    super(
      `cannot run ${executable}: video needs ffmpeg (apt-get install ffmpeg), ` +
        'or set INPAINT_FFMPEG to its path',
      options,
    );
  }
}

export function ffmpegPath(options: FfmpegOptions = {}): string {
  return options.ffmpeg ?? process.env['INPAINT_FFMPEG'] ?? 'ffmpeg';
}

/** ffprobe ships with ffmpeg: same folder, same naming (`ffmpeg-6` → `ffprobe-6`). */
export function ffprobePath(options: FfmpegOptions = {}): string {
  const path = ffmpegPath(options);
  const name = basename(path);
  const probeName = name.includes('ffmpeg') ? name.replace(/ffmpeg(?!.*ffmpeg)/, 'ffprobe') : 'ffprobe';
  return path.includes('/') ? join(dirname(path), probeName) : probeName;
}

/** A started tool: its process, its exit, and the tail of what it said on stderr. */
export interface ToolProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal); rejects with FfmpegMissingError. */
  readonly exited: Promise<number | null>;
  /** The last lines ffmpeg wrote on stderr, for error messages. */
  stderrTail(): string;
}

const stderrKeep = 4000;

export function startTool(executable: string, args: readonly string[], stdin: 'pipe' | 'ignore' = 'ignore'): ToolProcess {
  const child = spawn(executable, args, { stdio: [stdin, 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-stderrKeep);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? new FfmpegMissingError(executable, { cause: error }) : error);
    });
    // 'close' rather than 'exit': stdout and stderr are then fully read.
    child.once('close', (code) => resolve(code));
  });
  // A caller that stops early may never await `exited`: keep its rejection from going unhandled.
  exited.catch(() => undefined);
  return { child, exited, stderrTail: () => stderr.trim().split('\n').slice(-3).join(' | ') };
}

/** Runs a tool to its end and returns its stdout; a non-zero exit calls `fail` with stderr. */
export async function runTool(
  executable: string,
  args: readonly string[],
  fail: (stderr: string) => Error,
): Promise<string> {
  const tool = startTool(executable, args);
  let stdout = '';
  tool.child.stdout?.setEncoding('utf8');
  tool.child.stdout?.on('data', (text: string) => {
    stdout += text;
  });
  const code = await tool.exited;
  if (code !== 0) throw fail(tool.stderrTail() || `exit code ${code}`);
  return stdout;
}

/** Stops a tool that is still running and waits until it is gone. */
export async function stopTool(tool: ToolProcess): Promise<void> {
  const { child } = tool;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await tool.exited.catch(() => undefined);
}
