/**
 * The official models 3 and 4 as training stages (edge_connect.py's train), built from the two
 * stages whose losses, gradients and steps training.test.ts checks against the official code:
 * `edge-inpaint` trains the inpainting networks on the edge generator's (detached) edges in the
 * hole; `joint` trains all four, the inpainting losses reaching the edge generator. Networks in
 * evaluation mode (after spectral norm's power iteration has run in), so it does not move
 * between the step and the recomputation here.
 */
import { expect, it } from 'vitest';
import { nonSaturating } from '../../../src/losses/index.js';
import { inpaintStageLosses } from '../../../src/models/edgeconnect/losses.js';
import { fillFromEdges, predictEdges, type EdgeConnectGenerators } from '../../../src/models/edgeconnect/network.js';
import { edgeConnectTraining } from '../../../src/models/edgeconnect/training.js';
import { grayAndEdges } from '../../../src/models/edgeconnect/edges.js';
import { cat, noGrad, rand, tensor, tidy, zeros, type Tensor } from '../../../src/torch/index.js';
import type { AnyModule } from '../../../src/torch/nn/module.js';
import type { TrainingSession } from '../../../src/training/network-training.js';
import { trainingStep } from '../../../src/training/training-step.js';
import { describeWithEngine } from '../../torch/engine.js';
import { warmed } from './seeded-weights.js';

const settings = (stage: string) => edgeConnectTraining.options.parse({ size: 32, batch: 2, stage, residualBlocks: 1, off: 'perceptual,style' });

/** A copy of every parameter, by name. */
const snapshot = (module: AnyModule) => new Map(module.namedParameters().map(([name, p]) => [name, p.detach().clone()]));
const moved = (module: AnyModule, before: Map<string, Tensor>) =>
  module.namedParameters().some(([name, p]) => p.sub(before.get(name)!).abs().amax().item() !== 0);

/** Two sessions made alike: b takes a's weights. */
function alike(a: TrainingSession, b: TrainingSession): void {
  b.generator.module.loadStateDict(a.generator.module.stateDict());
  b.discriminator!.module.loadStateDict(a.discriminator!.module.stateDict());
}

/** The session's networks in evaluation mode, spectral norm's power iteration first run in as the official weights have it. */
function evaluating(session: TrainingSession): { generators: EdgeConnectGenerators; discriminators: AnyModule & { edge: AnyModule; inpaint: AnyModule } } {
  const generators = session.generator.module as EdgeConnectGenerators;
  const discriminators = session.discriminator!.module as AnyModule & { edge: AnyModule; inpaint: AnyModule };
  warmed(generators.edge, zeros([1, 3, 16, 16]));
  warmed(discriminators.edge, zeros([1, 2, 32, 32]));
  warmed(discriminators.inpaint, zeros([1, 3, 32, 32]));
  generators.eval();
  discriminators.eval();
  return { generators, discriminators };
}

describeWithEngine('EdgeConnect training stages of the official models 3 and 4', () => {
  const image = rand([2, 3, 32, 32]);
  const mask = tensor(Float32Array.from({ length: 2 * 32 * 32 }, (_, i) => {
    const x = i % 32, y = Math.floor(i / 32) % 32;
    return x >= 10 && x < 24 && y >= 8 && y < 20 ? 1 : 0;
  }), [2, 1, 32, 32]);
  const batch = { image, mask };
  const inputs = () => {
    const planes = noGrad(() => [0, 1].map((i) => grayAndEdges(image.narrow(0, i, 1), zeros([1, 1, 32, 32]))));
    return { images: image, masks: mask, gray: cat(planes.map((p) => p.gray)), edges: cat(planes.map((p) => p.edges)) };
  };

  it('edge-inpaint (model 3): the fill learns from the edge generator\'s edges in the hole; only the inpainting networks move', async () => {
    const session = await edgeConnectTraining.create(settings('edge-inpaint'));
    const { generators, discriminators } = evaluating(session);
    const [expected, fromTruth] = tidy(() => {
      const given = inputs();
      const drawn = predictEdges(generators.edge, given);
      const merged = drawn.mul(mask).add(given.edges.mul(mask.neg().add(1)));
      const loss = (edges: Tensor) => inpaintStageLosses(discriminators.inpaint as never, nonSaturating, image, mask, fillFromEdges(generators.inpaint, given, edges)).generator.total.item() as number;
      return [loss(merged), loss(given.edges)];
    });
    const before = { edge: snapshot(generators.edge), inpaint: snapshot(generators.inpaint), dEdge: snapshot(discriminators.edge), dInpaint: snapshot(discriminators.inpaint) };
    const values = tidy(() => trainingStep(session, batch));
    expect(Object.keys(values).sort()).toEqual(['g_loss', 'l_d2', 'l_g2', 'l_l1']);
    expect(values.g_loss).toBeCloseTo(expected, 5);
    expect(Math.abs(fromTruth - expected)).toBeGreaterThan(1e-3);
    expect([moved(generators.edge, before.edge), moved(generators.inpaint, before.inpaint)]).toEqual([false, true]);
    expect([moved(discriminators.edge, before.dEdge), moved(discriminators.inpaint, before.dInpaint)]).toEqual([false, true]);
  }, 180_000);

  it('joint (model 4): both stages\' losses in one step, the edge generator trained by both', async () => {
    const joint = await edgeConnectTraining.create(settings('joint'));
    const edgeOnly = await edgeConnectTraining.create(settings('edge'));
    alike(joint, edgeOnly);
    const a = evaluating(joint);
    const b = evaluating(edgeOnly);
    const before = snapshot(a.generators.edge);
    const values = tidy(() => trainingStep(joint, batch));
    const edgeValues = tidy(() => trainingStep(edgeOnly, batch));
    expect(Object.keys(values).sort()).toEqual(['g_loss', 'l_d1', 'l_d2', 'l_fm', 'l_g1', 'l_g2', 'l_l1']);
    expect(values.g_loss).toBeCloseTo(values.l_g1 + values.l_fm + values.l_g2 + values.l_l1, 4);
    expect([values.l_g1, values.l_fm, values.l_d1]).toEqual([edgeValues.l_g1, edgeValues.l_fm, edgeValues.l_d1]);
    // Adam's first step moves each weight by about lr along its gradient's sign: the inpainting
    // losses' share of the edge generator's gradient flips some of those signs.
    expect(moved(a.generators.edge, before)).toBe(true);
    const differs = a.generators.edge.namedParameters().some(([name, p]) =>
      p.sub(b.generators.edge.namedParameters().find(([other]) => other === name)![1]).abs().amax().item() !== 0);
    expect(differs).toBe(true);
    expect(moved(a.generators.inpaint, snapshot(b.generators.inpaint))).toBe(true);
  }, 180_000);
});
