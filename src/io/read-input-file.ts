import { constants, open as openCallback } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { CancelledError, InvalidInputError, throwIfCancelled } from '../core/errors.js';

/** Largest input file read whole into memory: far beyond any image the decoder takes (268 megapixels). */
export const maxInputFileBytes = 1024 ** 3;

export interface ReadInputFileOptions {
  /** Refuse a file larger than this many bytes. @default maxInputFileBytes */
  readonly maxBytes?: number;
  /** Stops the read at once (CancelledError), even one waiting on a pipe nobody writes to. */
  readonly signal?: AbortSignal;
}

const chunkBytes = 1024 * 1024;
const openDescriptor = promisify(openCallback);

/**
 * Reads a whole input file (an image, a mask) into memory, bounded and abortable: a file's size
 * is checked before anything is read; a pipe (a FIFO, `<(command)`) is read as it comes, up to
 * the bound, without blocking a thread, so a signal stops it even before a writer appears; a
 * device such as /dev/zero is refused, since it never ends. An empty file is an error naming the
 * path. `expected` says what the file should be, for the messages.
 */
export async function readInputFile(path: string, expected: string, options: ReadInputFileOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? maxInputFileBytes;
  const refuse = (received: string, cause?: unknown): InvalidInputError => new InvalidInputError(path, expected, received, { cause });
  throwIfCancelled(options.signal);
  const info = await stat(path).catch((error: unknown) => {
    throw refuse(describeFsError(error), error);
  });
  if (info.isDirectory()) throw refuse('a folder');
  if (!info.isFile() && !info.isFIFO()) throw refuse('a device or socket, not a file');
  if (info.size > maxBytes) throw refuse(`a file of ${info.size} bytes, more than the ${maxBytes} read at most`);
  const failedOpen = (error: unknown): never => {
    throw refuse(describeFsError(error), error);
  };
  const tooLarge = (): InvalidInputError => refuse(`more than the ${maxBytes} bytes read at most`);
  const bytes = info.isFIFO()
    ? // O_NONBLOCK: opening a FIFO would otherwise wait for a writer in a thread nothing can interrupt.
      await readPipe(await openDescriptor(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(failedOpen), maxBytes, options.signal, tooLarge)
    : await readFile(await open(path, 'r').catch(failedOpen), maxBytes, options.signal, tooLarge);
  if (bytes.length === 0) throw refuse('an empty file (0 bytes)');
  return bytes;
}

/** Reads a regular file in chunks, checking the bound and the signal between them. */
async function readFile(file: FileHandle, maxBytes: number, signal: AbortSignal | undefined, tooLarge: () => Error): Promise<Buffer> {
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      throwIfCancelled(signal);
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      // A file that grows while it is read.
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/**
 * Reads a pipe through the event loop (a socket over its descriptor, which the socket then
 * owns): it waits for a writer and for data without holding a thread, and ends when the last
 * writer closes.
 */
async function readPipe(fd: number, maxBytes: number, signal: AbortSignal | undefined, tooLarge: () => Error): Promise<Buffer> {
  const pipe = new Socket({ fd, readable: true, writable: false });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const onAbort = (): void => reject(new CancelledError());
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      pipe.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) reject(tooLarge());
        else chunks.push(chunk);
      });
      pipe.once('error', reject);
      pipe.once('end', () => resolve(Buffer.concat(chunks, total)));
      pipe.once('close', () => signal?.removeEventListener('abort', onAbort));
    });
  } finally {
    pipe.destroy();
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'a file without read permission';
  return error instanceof Error ? error.message : String(error);
}
