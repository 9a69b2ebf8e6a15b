/**
 * cpnet's training session through the shared step on a hand-made clip batch ([B,T,3,S,S], a
 * scene panning across the frames under moving holes): the paper's terms come back finite (the
 * VGG ones logged 0 when turned off), Adam moves every sub-network, three steps on the same
 * clips lower the loss, and the trained weights load as the cpnet video method's and fill a window.
 */
import { expect, it } from 'vitest';
import { InvalidOptionError } from '../../../src/core/errors.js';
import { CPNet } from '../../../src/models/cpnet/cpnet.js';
import { cpnet } from '../../../src/models/cpnet/network.js';
import { cpnetTraining } from '../../../src/models/cpnet/training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { createMask } from '../../../src/core/image.js';
import { cat, F, manualSeed, rand, tensor, tensorToImage, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';

const settings = (raw: Record<string, unknown>) => ({ ...cpnetTraining.options.parse(raw), size: raw.size as number, batch: raw.batch as number });

/** B clips of T frames of S x S: a smooth scene panning 2 px a frame, a box hole moving 3 px a frame. */
function clipBatch(clips: number, frames: number, size: number): { image: Tensor; mask: Tensor } {
  const scene = F.interpolate(rand([clips, 3, 6, 8]), { size: [size, size + 2 * frames], mode: 'bilinear', alignCorners: false });
  const image = cat([...Array(frames).keys()].map((t) => scene.narrow(3, 2 * t, size).unsqueeze(1)), 1);
  const holes = new Float32Array(clips * frames * size * size);
  for (let clip = 0; clip < clips; clip++) {
    for (let t = 0; t < frames; t++) {
      for (let y = size / 4; y < (3 * size) / 4; y++) {
        for (let x = 2 + 3 * t; x < 2 + 3 * t + size / 3; x++) holes[((clip * frames + t) * size + y) * size + x] = 1;
      }
    }
  }
  return { image, mask: tensor(holes, [clips, frames, 1, size, size]) };
}

describeWithEngine('cpnet training', () => {
  it('steps on clips: finite terms, every sub-network moves, the loss falls, and the weights load as the cpnet method', async () => {
    manualSeed(1);
    const session = await cpnetTraining.create(settings({ size: 32, batch: 2, frames: 3, width: 4, lr: 2e-3, off: 'prc,style' }));
    const net = session.generator.module as CPNet;
    net.train();
    const batch = clipBatch(2, 3, 32);
    const before = new Map([...net.namedParameters()].map(([name, p]) => [name, p.detach().clone()]));
    const history: Record<string, number>[] = [];
    for (let step = 0; step < 3; step++) history.push(tidy(() => trainingStep(session, batch)));
    const first = history[0];
    expect(Object.keys(first).sort()).toEqual([...cpnetTraining.lossTerms.map((t) => t.name)].sort());
    for (const [name, value] of Object.entries(first)) expect(Number.isFinite(value), name).toBe(true);
    expect([first.prc, first.style]).toEqual([0, 0]);
    for (const name of ['align', 'vh', 'nh', 'tv', 'total']) expect(first[name], name).toBeGreaterThan(0);
    console.log('cpnet training, total over 3 steps on one batch:', history.map((h) => h.total.toFixed(4)).join(' '));
    expect(history.at(-1)!.total).toBeLessThan(first.total);
    for (const prefix of ['A_Encoder.', 'A_Regressor.', 'Encoder.', 'Decoder.']) {
      const moved = [...net.namedParameters()].filter(([name]) => name.startsWith(prefix))
        .some(([name, p]) => (p.sub(before.get(name)!).abs().amax().item() as number) > 0);
      expect(moved, prefix).toBe(true);
    }

    // What inpaint train saves (the generator's state dict) is what --weights loads.
    const loaded = cpnet.load(new Map([['cpnet', net.stateDict()]]));
    const frames = [...Array(3).keys()].map((t) => tensorToImage(batch.image.narrow(0, 0, 1).narrow(1, t, 1).squeeze(1)));
    const holes = [...Array(3).keys()].map((t) => createMask(32, 32, Uint8Array.from(batch.mask.narrow(0, 0, 1).narrow(1, t, 1).contiguous().toArray() as Float32Array)));
    const filled = cpnet.fillWindow(loaded, frames, holes, {});
    expect(filled.map((image) => [image.width, image.height])).toEqual([[32, 32], [32, 32], [32, 32]]);
    loaded.dispose();
    net.dispose();
  }, 180_000);

  it('an unknown loss term to turn off is refused by name', async () => {
    await expect(cpnetTraining.create(settings({ size: 32, batch: 1, width: 4, off: 'prc,style,hole' }))).rejects.toThrow(InvalidOptionError);
  });
});
