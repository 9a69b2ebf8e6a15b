/**
 * CPNet against the official network run by python3-torch (test/fixtures/models/cpnet/, made by
 * make_fixtures.py there): the same seeded weights give the same alignment features, affine
 * matrices and filled frame to 1e-4; the state dict carries the official names and shapes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CPNet } from '../../../src/models/cpnet/cpnet.js';
import { cat, noGrad, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../../torch/engine.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { seededCPNet } from './seeded-weights.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'cpnet');

describeWithEngine('CPNet parity with the official network (full size, 4 frames of 36x52)', () => {
  const { want, metadata } = fixtureTensors(join(folder, 'tensors.safetensors'));

  it('alignment features, affine matrices and the filled frame are the official ones', () => {
    const net = seededCPNet(Number(metadata.seed));
    const thetas: Tensor[] = [];
    const regress = net.A_Regressor.forward.bind(net.A_Regressor);
    net.A_Regressor.forward = (a, b) => {
      const theta = regress(a, b);
      thetas.push(theta);
      return theta;
    };
    noGrad(() => tidy(() => {
      const frame = (name: string, t: number) => want(name).narrow(2, t, 1).squeeze(2);
      const features = [0, 1, 2, 3].map((t) => net.encode(frame('frames', t), frame('holes', t)));
      expect(maxAbsDiff(features[1], want('target_features'))).toBeLessThan(1e-4);
      const references = [0, 2, 3];
      const comp = net.call(
        { features: references.map((r) => features[r]), frames: references.map((r) => frame('frames', r)), holes: references.map((r) => frame('holes', r)) },
        frame('frames', 1), frame('holes', 1), frame('gts', 1),
      );
      expect(maxAbsDiff(cat(thetas), want('thetas'))).toBeLessThan(1e-4);
      console.log('cpnet parity max-abs: features', maxAbsDiff(features[1], want('target_features')), 'thetas', maxAbsDiff(cat(thetas), want('thetas')), 'comp', maxAbsDiff(comp, want('comp')));
      expect(maxAbsDiff(comp, want('comp'))).toBeLessThan(1e-4);
      // The fill depends on what the references show: other references, another fill.
      const others = [3, 2, 0];
      // (inverted colours)
      const other = net.call(
        { features: others.map((r) => features[r]), frames: others.map((r) => frame('frames', r).neg().add(1)), holes: others.map((r) => frame('holes', r)) },
        frame('frames', 1), frame('holes', 1), frame('gts', 1),
      );
      expect(maxAbsDiff(other, want('comp'))).toBeGreaterThan(0.05);
    }));
  });

  it('the state dict carries the official names and shapes (conv6a/conv6b included, unused as officially)', () => {
    const official = JSON.parse(readFileSync(join(folder, 'keys.json'), 'utf8')) as Record<string, number[]>;
    const shapes = Object.fromEntries([...new CPNet().stateDict()].map(([key, t]) => [key, t.shape]));
    expect(Object.keys(shapes)).toEqual(Object.keys(official));
    expect(shapes).toEqual(official);
  });
});
