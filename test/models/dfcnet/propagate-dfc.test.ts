/**
 * `propagate --set flowCompletion=dfc --weights FILE` end to end on tiny clips, with random
 * weights written in the release's format (legacy torch.save, {'n_iter', 'model'}, `module.`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Image } from '../../../src/core/image.js';
import { getVideoMethod } from '../../../src/methods.js';
import { parseOptions } from '../../../src/registry/parse-options.js';
import { inpaintVideo } from '../../../src/pipeline/inpaint-video.js';
import { noGrad } from '../../../src/torch/index.js';
import { holeError, stream, syntheticClip } from '../../classical/propagate/synthetic-clip.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeLegacyPth } from './legacy-pth-writer.js';
import { pipelineNet } from './seeded-dfcnet.js';

async function run(clip: ReturnType<typeof syntheticClip>, options: Record<string, unknown>): Promise<Image[]> {
  const out: Image[] = [];
  for await (const frame of inpaintVideo(stream(clip.frames), stream(clip.masks), { method: 'propagate', options })) out.push(frame);
  return out;
}

describeWithEngine('propagate with DFC-Net flow completion', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dfcnet-propagate-'));
  const randomWeights = join(folder, 'random.pth');
  const stillWeights = join(folder, 'still.pth');
  beforeAll(() => {
    const net = pipelineNet();
    const release = () => new Map([...net.stateDict()].map(([key, t]) => [`module.${key}`, t]));
    writeLegacyPth(randomWeights, release());
    // The head zeroed: the network says "no motion" in every hole.
    noGrad(() => {
      net.layer5.conv1.weight.zero_();
      net.layer5.conv1.bias!.zero_();
    });
    writeLegacyPth(stillWeights, release());
    net.dispose();
  });

  it('takes flowCompletion=dfc with weights, and refuses weights without dfc or dfc without weights', () => {
    const propagate = getVideoMethod('propagate');
    expect(parseOptions(propagate, { flowCompletion: 'dfc', weights: randomWeights })).toMatchObject({ flowCompletion: 'dfc', weights: randomWeights });
    expect(() => parseOptions(propagate, { weights: randomWeights })).toThrow(/flowCompletion=dfc/);
    expect(() => parseOptions(propagate, { flowCompletion: 'dfc' })).toThrow(/flowCompletion=dfc/);
  });

  it('fills a fixed-camera clip exactly from other frames when the network completes the flow with no motion', async () => {
    const clip = syntheticClip({ width: 48, height: 32, frames: 7, pan: [0, 0], size: 8, start: [6, 12], drift: [4, 0] });
    const outputs = await run(clip, { flowCompletion: 'dfc', weights: stillWeights, imageMethod: 'telea' });
    expect(outputs).toHaveLength(7);
    expect(holeError(outputs, clip)).toBeLessThan(3);
  });

  it('uses the network\'s flow: random weights give another fill than harmonic completion, known pixels kept', async () => {
    const clip = syntheticClip({ width: 48, height: 32, frames: 7, pan: [1, 0], size: 8, start: [6, 12], drift: [4, 0] });
    const dfc = await run(clip, { flowCompletion: 'dfc', weights: randomWeights, imageMethod: 'telea' });
    const harmonic = await run(clip, { imageMethod: 'telea' });
    expect(dfc).toHaveLength(7);
    let differing = 0;
    for (let t = 0; t < dfc.length; t++) {
      const mask = clip.masks[t].data;
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) {
          expect(dfc[t].rgb[3 * i]).toBe(clip.frames[t].rgb[3 * i]);
        } else if (dfc[t].rgb[3 * i] !== harmonic[t].rgb[3 * i]) {
          differing++;
        }
      }
    }
    expect(differing).toBeGreaterThan(0);
  });
});
