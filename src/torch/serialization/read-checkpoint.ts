/**
 * Any checkpoint file, its format told by its first bytes rather than its name: safetensors, or a
 * torch.save checkpoint (zip, or the legacy formats readPth reads too).
 */
import { open } from 'node:fs/promises';
import type { Checkpoint } from './pth.js';
import { readPth } from './pth.js';
import { loadSafetensors } from './safetensors.js';

/** Reads a checkpoint file of any format the toolkit knows. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const head = await firstBytes(path, 16);
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
