/**
 * The `internal` video method through the pipeline, on a small synthetic clip with a small budget:
 * every frame out at the clip's size, the hole filled by the optimised network and known pixels
 * kept, progress with the time left, a checkpoint that a second run resumes from (and a
 * checkpoint of another run refused), and the VGG rule for the perceptual term.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { InvalidInputError, MissingVggWeightsError } from '../../../src/core/errors.js';
import type { Image } from '../../../src/core/image.js';
import { inpaintVideo } from '../../../src/pipeline/inpaint-video.js';
import { decodeSafetensors } from '../../../src/torch/index.js';
import { readFileSync } from 'node:fs';
import { stream, syntheticClip } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';

const folder = await mkdtemp(join(tmpdir(), 'internal-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

const clip = syntheticClip({ width: 64, height: 48, frames: 6, pan: [1, 0], size: 10, start: [20, 16], drift: [2, 0] });
const small = { size: 64, depth: 3, strides: '1', itersPerBatch: 2 };

async function run(options: Record<string, unknown>, frames = clip.frames, onProgress?: (f: number, stage?: string) => void): Promise<Image[]> {
  const out: Image[] = [];
  for await (const frame of inpaintVideo(stream(frames), stream(clip.masks.slice(0, frames.length)), { method: 'internal', options, onProgress })) out.push(frame);
  return out;
}

describeWithEngine('internal (video method)', () => {
  it('fills every frame from the network optimised on the clip, keeps the known pixels, says the time left', async () => {
    const stages: string[] = [];
    const checkpoint = join(folder, 'run.safetensors');
    const out = await run({ ...small, steps: 4, checkpoint, checkpointEvery: 3 }, clip.frames, (_, stage) => stages.push(stage ?? ''));
    expect(out).toHaveLength(clip.frames.length);
    for (const [t, frame] of out.entries()) {
      expect([frame.width, frame.height]).toEqual([64, 48]);
      for (let i = 0; i < clip.masks[t]!.data.length; i++) {
        if (!clip.masks[t]!.data[i]) expect(frame.rgb.subarray(3 * i, 3 * i + 3)).toEqual(clip.frames[t]!.rgb.subarray(3 * i, 3 * i + 3));
      }
    }
    // Four steps teach the network little, but the hole holds its frames, not the grey it held.
    let changed = 0, holes = 0;
    for (const [t, frame] of out.entries()) {
      clip.masks[t]!.data.forEach((hole, i) => {
        if (!hole) return;
        holes += 1;
        if (frame.rgb.subarray(3 * i, 3 * i + 3).some((v) => v !== 128)) changed += 1;
      });
    }
    expect(changed / holes).toBeGreaterThan(0.9);
    expect(stages.some((s) => /^step 4\/4, loss [\d.]+, \d+ s left$/.test(s))).toBe(true);
    expect(decodeSafetensors(readFileSync(checkpoint)).metadata.step).toBe('4');

    // A longer budget resumes at step 4 (the steps before are not run again), then saves step 5.
    const resumed: string[] = [];
    await run({ ...small, steps: 5, checkpoint, checkpointEvery: 3 }, clip.frames, (_, stage) => resumed.push(stage ?? ''));
    expect(resumed.filter((s) => s.startsWith('step ')).map((s) => s.split(',')[0])).toEqual(['step 5/5']);
    expect(decodeSafetensors(readFileSync(checkpoint)).metadata.step).toBe('5');

    // Another seed is another problem (other noise, other batches): its checkpoint is refused.
    await expect(run({ ...small, seed: 1, steps: 5, checkpoint })).rejects.toThrow(InvalidInputError);
  }, 300_000);

  it('asks for the VGG16 file when the perceptual term is on, and refuses a clip shorter than a batch', async () => {
    await expect(run({ ...small, steps: 1, off: '' })).rejects.toThrow(MissingVggWeightsError);
    await expect(run({ ...small, steps: 1 }, clip.frames.slice(0, 4))).rejects.toThrow(/at least 5 frames/);
  });
});
