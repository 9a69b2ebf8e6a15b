import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ignoreClosedPipe } from '../../src/cli/closed-pipe.js';
import { startInpaint } from './built-cli.js';

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`write ${code}`), { code });
}

/** Runs the built command with one of its output pipes closed by the reader before it writes. */
function runWithClosedPipe(args: readonly string[], closed: 'stdout' | 'stderr'): Promise<{ status: number | null; other: string }> {
  const child = startInpaint(args);
  child[closed].destroy();
  let other = '';
  child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk) => (other += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, other }));
  });
}

describe('ignoreClosedPipe', () => {
  it('an EPIPE error on the stream is dropped', () => {
    const stream = new EventEmitter();
    ignoreClosedPipe(stream);
    expect(() => stream.emit('error', errnoError('EPIPE'))).not.toThrow();
  });

  it('any other stream error (EIO) is still thrown', () => {
    const stream = new EventEmitter();
    ignoreClosedPipe(stream);
    expect(() => stream.emit('error', errnoError('EIO'))).toThrow('write EIO');
  });
});

describe('inpaint with a reader that has gone (inpaint --help | head -3)', () => {
  it('--help with stdout closed: exit 0, nothing on stderr (no EPIPE stack trace)', async () => {
    const { status, other } = await runWithClosedPipe(['--help'], 'stdout');
    expect(other).toBe('');
    expect(status).toBe(0);
  });

  it('masks --help with stdout closed: exit 0, nothing on stderr', async () => {
    const { status, other } = await runWithClosedPipe(['masks', '--help'], 'stdout');
    expect(other).toBe('');
    expect(status).toBe(0);
  });

  it('no command (help on stderr) with stderr closed: still the usage status 2, not a crash (1)', async () => {
    const { status } = await runWithClosedPipe([], 'stderr');
    expect(status).toBe(2);
  });
});
