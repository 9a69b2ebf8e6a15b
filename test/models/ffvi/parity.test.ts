/**
 * FFVI against the official code run by python3-torch (test/fixtures/models/ffvi/, made by
 * make_fixtures.py there): the checkpoint as the official trainer saves it (legacy torch.save, its
 * Logger object pickled inside) loads unchanged, its widths and skip connections read from it; the
 * generator's fill, the official test pipeline's output and the temporal discriminator's scores
 * match to 1e-4 (max abs) with the stored spectral-norm vectors (eval mode).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { cat, readCheckpoint, tidy } from '../../../src/torch/index.js';
import { readStateDicts, singleFileLayout } from '../../../src/weights/release.js';
import { ffviForward } from '../../../src/models/ffvi/fill-window.js';
import { ffviOptionsOf, loadFfviModel } from '../../../src/models/ffvi/model.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'ffvi');
const weights = join(folder, 'weights.pth');

describeWithEngine('FFVI parity with the official code (nf 8, skip connections; 1x3x4x32x48)', () => {
  it('reads the official checkpoint: the Logger an inert placeholder, the config and the state dict there', async () => {
    const checkpoint = (await readCheckpoint(weights)) as Record<string, unknown>;
    expect(Object.keys(checkpoint)).toEqual(['arch', 'epoch', 'logger', 'state_dict', 'optimizer_g', 'optimizer_d_s', 'optimizer_d_t', 'monitor_best', 'config']);
    expect(checkpoint.logger).toEqual({});
    const config = checkpoint.config as { arch: { args: { opts: { nf: number; use_skip_connection: boolean } } } };
    const stateDict = (await readStateDicts(weights, singleFileLayout('model', ['state_dict']))).get('model')!;
    expect(ffviOptionsOf(stateDict)).toEqual({
      nf: config.arch.args.opts.nf, skipConnections: config.arch.args.opts.use_skip_connection, bias: true, discriminator: { nf: 4 },
    });
  });

  it('matches the fill, the pipeline output and the temporal discriminator', async () => {
    const fixture = fixtureTensors(join(folder, 'tensors.safetensors'));
    const model = loadFfviModel((await readStateDicts(weights, singleFileLayout('model', ['state_dict']))).get('model')!);
    const frames = fixture.want('frames'), valid = fixture.want('valid');
    const diffs = tidy(() => {
      const masked = frames.mul(valid);
      const d = model.temporal_discriminator!;
      return {
        fill: maxAbsDiff(model.call(masked, valid), fixture.want('fill')),
        output: maxAbsDiff(ffviForward(model, frames, valid), fixture.want('output')),
        scores: maxAbsDiff(d.call(cat([frames, valid, valid.mul(0)], 1)), fixture.want('scores')),
      };
    });
    console.log('ffvi parity max abs', diffs);
    for (const diff of Object.values(diffs)) expect(diff).toBeLessThan(1e-4);
    model.dispose();
  });
});
