import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Box } from './helpers.js';

export interface ClipSpec {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** @default 8 */
  readonly fps?: number;
  /**
   * Container, by extension: mp4 (H.264, nearly lossless), webm (VP9, no frame count in its
   * header) or ts (MPEG-TS, H.264, no frame count either). @default 'mp4'
   */
  readonly container?: 'mp4' | 'webm' | 'ts';
  /** mp4 with its index first, so that a copy cut short still promises every frame. @default false */
  readonly faststart?: boolean;
}

/**
 * Frame i of a test clip, raw RGB: a gradient that slides right by 2 pixels a frame and, when
 * `object` is given, a dark square there: what the inpainting is to remove.
 */
export function clipFrame(width: number, height: number, index: number, object?: Box): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = 40 + ((x + 2 * index) * 3) % 160;
      rgb[i + 1] = 60 + y * 2;
      rgb[i + 2] = 120;
    }
  }
  if (object) {
    for (let y = object.y0; y < object.y1; y++) rgb.fill(20, (y * width + object.x0) * 3, (y * width + object.x1) * 3);
  }
  return rgb;
}

/** Frame i of a mask clip: a white box that moves right by 2 pixels a frame, on black. */
export function maskClipFrame(width: number, height: number, index: number, box: Box): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = box.y0; y < box.y1; y++) rgb.fill(255, (y * width + box.x0 + 2 * index) * 3, (y * width + box.x1 + 2 * index) * 3);
  return rgb;
}

/** Where the object of `movingObjectFrame` is in frame i: `box` moved right by 2 pixels a frame. */
export function movingBox(box: Box, index: number): Box {
  return { x0: box.x0 + 2 * index, y0: box.y0, x1: box.x1 + 2 * index, y1: box.y1 };
}

/**
 * Frame i of a clip for tracking, raw RGB: a still gradient and a red object with a checked
 * texture on it, at `movingBox(box, i)`. Its true mask per frame is that box.
 */
export function movingObjectFrame(width: number, height: number, index: number, box: Box): Uint8Array {
  const rgb = clipFrame(width, height, 0);
  const at = movingBox(box, index);
  for (let y = at.y0; y < at.y1; y++) {
    for (let x = at.x0; x < at.x1; x++) {
      const i = (y * width + x) * 3;
      const check = ((x - at.x0) >> 2) % 2 === ((y - at.y0) >> 2) % 2 ? 40 : 0;
      rgb[i] = 200 + check / 2;
      rgb[i + 1] = 30 + check;
      rgb[i + 2] = 40;
    }
  }
  return rgb;
}

/**
 * Pixels still red in the body of frame i's object (its box less a 2-pixel rim, which H.264's
 * halved colour resolution smears): after a fill that followed the object, next to none.
 */
export function redLeftInObject(rgb: Uint8Array, width: number, index: number, box: Box): { red: number; area: number } {
  const body = movingBox({ x0: box.x0 + 2, y0: box.y0 + 2, x1: box.x1 - 2, y1: box.y1 - 2 }, index);
  let red = 0;
  for (let y = body.y0; y < body.y1; y++) {
    for (let x = body.x0; x < body.x1; x++) if (rgb[(y * width + x) * 3] > 150 && rgb[(y * width + x) * 3 + 1] < 90) red++;
  }
  return { red, area: (body.x1 - body.x0) * (body.y1 - body.y0) };
}

/** Encodes frames with ffmpeg (from generated pixels: no fixture files) and returns the file's bytes. */
export async function encodeClip(spec: ClipSpec, frame: (index: number) => Uint8Array): Promise<Buffer> {
  const container = spec.container ?? 'mp4';
  const path = join(tmpdir(), `inpaint-clip-${randomBytes(6).toString('hex')}.${container}`);
  const codec = container !== 'webm' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '8'] : ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-crf', '20', '-b:v', '0'];
  const raw = Buffer.concat(Array.from({ length: spec.frames }, (_, i) => frame(i)));
  const args = [
    '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${spec.width}x${spec.height}`, '-framerate', String(spec.fps ?? 8),
    '-i', '-', ...codec, '-pix_fmt', 'yuv420p', ...(spec.faststart ? ['-movflags', '+faststart'] : []), '-y', path,
  ];
  await runFfmpeg(args, raw);
  try {
    return await readFile(path);
  } finally {
    await rm(path, { force: true });
  }
}

/** A second of a 440 Hz tone in an m4a file: a media file ffmpeg reads that has no video. */
export async function encodeTone(): Promise<Buffer> {
  const path = join(tmpdir(), `inpaint-tone-${randomBytes(6).toString('hex')}.m4a`);
  await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', '-y', path]);
  try {
    return await readFile(path);
  } finally {
    await rm(path, { force: true });
  }
}

/** Decodes a video's bytes into raw RGB frames. */
export async function decodeClip(bytes: Uint8Array, width: number, height: number): Promise<Uint8Array[]> {
  const path = join(tmpdir(), `inpaint-decode-${randomBytes(6).toString('hex')}`);
  await writeFile(path, bytes);
  try {
    const raw = await runFfmpeg(['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
    const size = width * height * 3;
    if (raw.length % size !== 0) throw new Error(`decoded ${raw.length} bytes: not whole ${width}x${height} frames`);
    return Array.from({ length: raw.length / size }, (_, i) => new Uint8Array(raw.subarray(i * size, (i + 1) * size)));
  } finally {
    await rm(path, { force: true });
  }
}

function runFfmpeg(args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg ${code}: ${err}`))));
    child.stdin?.end(input);
  });
}
