/**
 * DFC-Net's flow completion against the official inference pipeline (dataset/FlowInitial.py in
 * test mode, the data list of dataset/data_list.py, tools/test_scripts.py's composite), run by
 * make_fixtures.py on a 13-frame clip of 48x64 flows with seeded random weights, which the test
 * writes as a release-format file ({'n_iter', 'model'}, `module.` keys, legacy torch.save) and
 * loads through loadDfcNet: the same 33-channel stacks and the same completed flows, to 1e-4.
 */
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { createFlowField, type FlowField } from '../../../src/classical/flow/flow-field.js';
import { createFrameState, type FrameState } from '../../../src/classical/propagate/frame-state.js';
import { createImage, createMask, type Mask } from '../../../src/core/image.js';
import type { DfcNet } from '../../../src/models/dfcnet/dfc-resnet.js';
import { completeStack } from '../../../src/models/dfcnet/flow-completer.js';
import { compositeFlow, prepareFlow, restoreFlow, stackTensor } from '../../../src/models/dfcnet/flow-stack.js';
import { stackIndices } from '../../../src/models/dfcnet/stack-indices.js';
import { loadDfcNet } from '../../../src/models/dfcnet/weights.js';
import { DfcWindowCompletion } from '../../../src/models/dfcnet/window-completion.js';
import { noGrad, tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { fixtureTensors, maxAbsDiff } from '../fixture-tensors.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeLegacyPth } from './legacy-pth-writer.js';
import { pipelineNet } from './seeded-dfcnet.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'dfcnet');
const frames = 13, height = 48, width = 64;

describeWithEngine('DFC-Net flow completion as the official inference pipeline', () => {
  const fixture = fixtureTensors(join(folder, 'pipeline.safetensors'));
  const { want } = fixture;
  const flowsOf = (name: string): FlowField[] => {
    const all = want(name).toArray() as Float32Array;
    const size = height * width * 2;
    return Array.from({ length: all.length / size }, (_, t) => createFlowField(width, height, all.slice(t * size, (t + 1) * size)));
  };
  const forward = flowsOf('forward_flows'), backward = flowsOf('backward_flows');
  const maskValues = want('masks').toArray() as Float32Array;
  const masks: Mask[] = Array.from({ length: frames }, (_, t) =>
    createMask(width, height, Uint8Array.from(maskValues.subarray(t * width * height, (t + 1) * width * height))));
  const items = fixture.metadata.items.split(',');
  const completed = want('completed');
  let net: DfcNet;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dfcnet-')), 'resnet_movie.pth');
    const seeded = pipelineNet();
    writeLegacyPth(file, new Map([...seeded.stateDict()].map(([key, t]) => [`module.${key}`, t])));
    seeded.dispose();
    net = await loadDfcNet(file);
  });

  it('reads the block counts, channels and head off the release-format file\'s keys', () => {
    expect(net.config).toEqual({ layers: [1, 1, 1, 1], inChannels: 33, outChannels: 2, head: 'single-scale' });
  });

  it('builds the official 33-channel stacks at the clip\'s edges and middle, and completes them as the official code', () => {
    const sequences = { flo: { flows: forward, masks }, rflo: { flows: backward, masks } };
    for (const [number, kind] of [['00000', 'flo'], ['00006', 'flo'], ['00011', 'flo'], ['00000', 'rflo'], ['00012', 'rflo']] as const) {
      const { flows } = sequences[kind];
      const stack = stackIndices(Number(number), flows.length).map((k) => prepareFlow(flows[k], masks[k]));
      noGrad(() => tidy(() => {
        const input = stackTensor(stack);
        expect(maxAbsDiff(input, want(`stack_${number}_${kind}`).unsqueeze(0)), `${number}.${kind} stack`).toBeLessThan(1e-4);
        const result = compositeFlow(net.call(input), stack[5]);
        const ours = tensor(Float32Array.from(result.data), [result.height, result.width, 2]).permute(2, 0, 1);
        const i = items.indexOf(`${number}.${kind}`);
        expect(maxAbsDiff(ours, completed.narrow(0, i, 1).squeeze(0)), `${number}.${kind} completed`).toBeLessThan(1e-4);
      }));
    }
  });

  it('completes windows as the whole clip: flows whose stacks the first window cut short are redone in the next', async () => {
    const dfc = new DfcWindowCompletion(async (stack) => completeStack(net, stack));
    const clip: FrameState[] = masks.map((mask) => createFrameState(createImage(width, height), mask));
    clip.forEach((frame, t) => {
      if (t + 1 < frames) dfc.setRaw(frame, 'next', forward[t], masks[t], 1);
      dfc.setRaw(frame, 'previous', backward[t], masks[t], 1);
    });
    // As propagate with window 13, context 6: the first window does not know the clip ends there;
    // the next keeps frames 1-12 (to - context = 1 dropped) and is the clip's last.
    await dfc.complete(clip, false);
    const provisional = clip[7].toNext, final = clip[6].toNext;
    await dfc.complete(clip.slice(1), true);
    // Flow 7's stack reached past the first window (7 + 5 > 11): redone, from window frames 1-12.
    expect(clip[7].toNext).not.toBe(provisional);
    expect(clip[6].toNext).toBe(final);
    const window = clip;
    const restoredAt = (i: number) => {
      const official = completed.narrow(0, i, 1).squeeze(0).permute(1, 2, 0).contiguous().toArray() as Float32Array;
      return restoreFlow({ width: width / 2, height: height / 2, channels: 2, data: Float64Array.from(official) }, { width, height });
    };
    const worst = (ours: Float32Array, item: string) => {
      const official = restoredAt(items.indexOf(item)).data;
      return ours.reduce((m, v, k) => Math.max(m, Math.abs(v - official[k])), 0);
    };
    for (let t = 0; t < frames; t++) {
      const name = String(t).padStart(5, '0');
      if (t + 1 < frames) expect(worst(window[t].toNext!.field.data, `${name}.flo`), `${name}.flo`).toBeLessThan(1e-4);
      expect(worst(window[t].toPrevious!.field.data, `${name}.rflo`), `${name}.rflo`).toBeLessThan(1e-4);
    }
  }, 180_000); // 50 completions: over a minute on the shared cores
});
