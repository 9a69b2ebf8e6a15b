import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { probeContainer } from '../../../src/io/video/container-format.js';
import { describeVideoSource } from '../../../src/io/video/video-source.js';
import { useTempFolder } from '../temp-folder.js';

const run = promisify(execFile);
const tempFolder = useTempFolder();

async function testClip(path: string, extra: string[] = []): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-frames:v', '6', '-pix_fmt', 'yuv420p', ...extra, path]);
}

/** An HLS playlist whose one segment is `segment`, a path on the machine that reads it. */
function playlist(segment: string): string {
  return `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n${segment}\n#EXT-X-ENDLIST\n`;
}

async function refusal(path: string): Promise<InvalidInputError> {
  const error = await describeVideoSource(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('probeContainer', () => {
  it('names the demuxer of mp4, webm and MPEG-TS files', async () => {
    const dir = await tempFolder();
    await testClip(join(dir, 'a.mp4'));
    await testClip(join(dir, 'a.webm'), ['-c:v', 'libvpx-vp9']);
    await testClip(join(dir, 'a.ts'));
    expect(await probeContainer(join(dir, 'a.mp4'))).toBe('mov');
    expect(await probeContainer(join(dir, 'a.webm'))).toBe('matroska');
    expect(await probeContainer(join(dir, 'a.ts'))).toBe('mpegts');
  });

  it('refuses an HLS playlist naming a local file, with the same error whether that file exists or not', async () => {
    const dir = await tempFolder();
    const secret = join(dir, 'secret.ts');
    await testClip(secret);
    // Named .mp4, as an upload would be: the name decides nothing.
    await writeFile(join(dir, 'exists.mp4'), playlist(secret));
    await writeFile(join(dir, 'missing.mp4'), playlist(join(dir, 'no-such-file.ts')));
    const exists = await refusal(join(dir, 'exists.mp4'));
    const missing = await refusal(join(dir, 'missing.mp4'));
    expect(exists.expected).toContain('mp4/mov');
    expect(exists.received).toBe('a file in none of those formats');
    expect(exists.received).toBe(missing.received);
    expect(exists.message.replace('exists.mp4', 'X')).toBe(missing.message.replace('missing.mp4', 'X'));
  });

  it('refuses an ffconcat list and reads a path such as concat:a|b as a file name, not a protocol', async () => {
    const dir = await tempFolder();
    const part = join(dir, 'part.mp4');
    await testClip(part);
    await writeFile(join(dir, 'list.mp4'), `ffconcat version 1.0\nfile ${part}\n`);
    expect((await refusal(join(dir, 'list.mp4'))).received).toBe('a file in none of those formats');
    // Through ffmpeg's concat protocol this would be a video of the two parts; as a file name it is nothing.
    await expect(probeContainer(`concat:${part}|${part}`)).rejects.toThrow(InvalidInputError);
  });
});
