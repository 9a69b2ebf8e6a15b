/**
 * Any checkpoint file, its format told by its first bytes rather than its name: safetensors, a
 * Torch7 .t7 file, or a torch.save checkpoint (zip, or the legacy format).
 */
import { open, readFile } from 'node:fs/promises';
import type { Checkpoint } from './pth.js';
import { readPth } from './pth.js';
import { loadSafetensors } from './safetensors.js';
import { isT7, readT7 } from './t7.js';

/** Reads a checkpoint file of any format the toolkit knows. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const head = await firstBytes(path, 16);
  if (isT7(head)) return readT7(new Uint8Array(await readFile(path)), path);
  if (isSafetensors(head)) return loadSafetensors(path);
  return readPth(path);
}

/** safetensors: an 8-byte little-endian header length, then the JSON header's opening brace. */
function isSafetensors(head: Uint8Array): boolean {
  return head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0;
}

async function firstBytes(path: string, count: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(count);
    const { bytesRead } = await file.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
