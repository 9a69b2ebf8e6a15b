/** The test-side torch.save writer reads back through the product's reader, values exact. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/torch/serialization/read-checkpoint.js';
import { tensor, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine } from '../engine.js';
import { writePth } from './write-pth.js';

describeWithEngine('writePth', () => {
  it('a checkpoint dict with an OrderedDict of tensors, numbers, text, lists and None reads back as written', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'write-pth-'));
    try {
      const path = join(folder, 'gen.pth');
      const weight = tensor([1.5, -2, 3.25, 4], [2, 2]);
      const bias = tensor([0.125, -7]);
      await writePth(path, { iteration: 12, lr: 0.5, name: 'gen', groups: [1, true, null], generator: new Map([['conv.weight', weight], ['conv.bias', bias]]) });
      const checkpoint = await readCheckpoint(path) as Record<string, unknown>;
      expect([checkpoint.iteration, checkpoint.lr, checkpoint.name, checkpoint.groups]).toEqual([12, 0.5, 'gen', [1, true, null]]);
      const generator = checkpoint.generator as Map<string, Tensor>;
      expect([...generator.keys()]).toEqual(['conv.weight', 'conv.bias']);
      expect(generator.get('conv.weight')!.shape).toEqual([2, 2]);
      expect(Array.from(generator.get('conv.weight')!.toArray() as Float32Array)).toEqual([1.5, -2, 3.25, 4]);
      expect(Array.from(generator.get('conv.bias')!.toArray() as Float32Array)).toEqual([0.125, -7]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
