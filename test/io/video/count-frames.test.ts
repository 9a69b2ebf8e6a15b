import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { countVideoFrames } from '../../../src/io/video/count-frames.js';
import { readFrames } from '../../../src/io/video/read-frames.js';
import { describeVideoSource } from '../../../src/io/video/video-source.js';
import { useTempFolder } from '../temp-folder.js';

const run = promisify(execFile);
const tempFolder = useTempFolder();

describe('countVideoFrames', () => {
  it('counts an MPEG-TS clip, which lists its stream twice (under its program too)', async () => {
    const dir = await tempFolder();
    const clip = join(dir, 'clip.ts');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-frames:v', '7', '-pix_fmt', 'yuv420p', clip]);
    expect(await countVideoFrames(clip, 'mpegts')).toBe(7);
    const source = await describeVideoSource(clip);
    expect(source).toMatchObject({ width: 64, height: 48, frameCount: 7 });
    let read = 0;
    for await (const frame of readFrames(clip)) read += frame.width === 64 ? 1 : 0;
    expect(read).toBe(7);
  });
});
