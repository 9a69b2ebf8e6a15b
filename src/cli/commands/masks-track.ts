import { InvalidOptionError, throwIfCancelled } from '../../core/errors.js';
import { createImage, type Mask } from '../../core/image.js';
import { assertNotAnInput } from '../../io/overwrite-guard.js';
import { describeVideoSource } from '../../io/video/video-source.js';
import { createVideoWriter } from '../../io/video/video-writer.js';
import { trackClipMasks } from '../../pipeline/track-clip-masks.js';
import { readKeyMasks, type KeyFlag } from '../key-flags.js';
import { createProgressBar } from '../progress-bar.js';
import type { CliEnvironment } from '../terminal.js';

export interface TrackFlags {
  readonly track: string;
  readonly out: string;
  readonly key?: readonly KeyFlag[];
  readonly dilate?: number;
}

/**
 * `inpaint masks --track CLIP --key N=MASK.png ... --out DIR|MASK.mp4`: a mask for every frame,
 * written as a folder of PNGs (named like the clip's frames) or a mask video (lossless), atomically.
 */
export async function writeTrackedMasks(flags: TrackFlags, env: CliEnvironment): Promise<void> {
  if (!flags.key?.length) throw new InvalidOptionError('--key', 'at least one --key N=MASK.png with --track', undefined);
  const keyPaths = flags.key.map((key) => key.path);
  await assertNotAnInput(flags.out, [flags.track, ...keyPaths]);
  const source = await describeVideoSource(flags.track);
  const bar = createProgressBar(env.stderr, 'track ');
  const note = (message: string): void => bar.log(`note: ${message}`);
  const keys = await readKeyMasks(flags.key, source, { onNote: note });
  const writer = await createVideoWriter(flags.out, { width: source.width, height: source.height, fps: source.frameRate, quality: 0 });
  let written = 0;
  try {
    const masks = trackClipMasks(flags.track, keys, {
      frameCount: source.frameCount,
      dilate: flags.dilate,
      signal: env.signal,
      onNote: note,
      onProgress: (fraction, stage) => bar.update(fraction, stage),
    });
    for await (const mask of masks) {
      await writer.write(maskPicture(mask), source.frameNames?.[written]);
      written++;
    }
    throwIfCancelled(env.signal);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    bar.clear();
  }
}

/** A mask as a picture: white = object, black elsewhere. */
function maskPicture(mask: Mask): ReturnType<typeof createImage> {
  const rgb = new Uint8Array(mask.data.length * 3);
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = 255;
  return createImage(mask.width, mask.height, rgb);
}
