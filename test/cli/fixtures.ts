import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli } from '../../src/cli/cli.js';
import { afterEach } from 'vitest';

/** A fresh temporary folder per test, removed after it. */
export function useTempFolder(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inpaint-cli-'));
    made.push(dir);
    return dir;
  };
}

/** A smooth colour picture with some structure, different for each `seed`. */
export async function writePhoto(path: string, width: number, height: number, seed = 0): Promise<void> {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = (x * 4 + seed * 30) % 256;
      rgb[i + 1] = (y * 5 + seed * 50) % 256;
      rgb[i + 2] = ((x + y) * 3) % 256;
    }
  }
  await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toFile(path);
}

/** A black mask with a white rectangle [x0, x1) x [y0, y1) as hole. */
export async function writeBoxMask(
  path: string,
  width: number,
  height: number,
  box: { x0: number; y0: number; x1: number; y1: number },
): Promise<void> {
  const data = new Uint8Array(width * height);
  for (let y = box.y0; y < box.y1; y++) data.fill(255, y * width + box.x0, y * width + box.x1);
  await sharp(data, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}

/** RGB bytes of any image file. */
export async function readRgb(path: string): Promise<{ width: number; height: number; rgb: Uint8Array }> {
  const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/** One channel of a mask file, 0..255. */
export async function readGray(path: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { data, info } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** Runs `inpaint ...args` in this process (no build needed); resolves with its exit status and output. */
export async function runInpaintHere(args: readonly string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (lines: string[]) => ({ write: (text: string) => lines.push(text) });
  const status = await runCli(args, { stdout: stream(out), stderr: stream(err), signal: new AbortController().signal, debug: false });
  return { status, out: out.join(''), err: err.join('') };
}
