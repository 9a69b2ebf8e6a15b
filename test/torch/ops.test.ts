/** Every op's forward pass against python3-torch 1.13 (test/fixtures/torch/ops.json), to 1e-5. */
import { expect, it } from 'vitest';
import { F, cat, stack, tidy, where, type Tensor } from '../../src/torch/index.js';
import { describeWithEngine, expectClose, fromStored, readFixture, type StoredTensor } from './engine.js';

interface OpCase {
  name: string;
  inputs: Record<string, StoredTensor>;
  output: StoredTensor;
}

type Inputs = Record<string, Tensor>;

/** The TypeScript call of each fixture case, keyed by the case's name. */
const ops: Record<string, (i: Inputs) => Tensor> = {
  'add tensor': ({ a, b }) => a.add(b),
  'add broadcast': ({ a, b }) => a.add(b),
  'add scalar': ({ a }) => a.add(1.5),
  'sub tensor': ({ a, b }) => a.sub(b),
  'sub scalar': ({ a }) => a.sub(0.25),
  'mul tensor': ({ a, b }) => a.mul(b),
  'mul scalar': ({ a }) => a.mul(-3),
  'div tensor': ({ a, b }) => a.div(b),
  'div scalar': ({ a }) => a.div(7),
  'matmul 2d': ({ a, b }) => a.matmul(b),
  'matmul batched': ({ a, b }) => a.matmul(b),
  bmm: ({ a, b }) => a.bmm(b),
  'conv2d x=[1,2,5,6] w=[3,2,3,3] s=1 p=1': ({ x, w, b }) => F.conv2d(x, w, b, { padding: 1 }),
  'conv2d s=2 p=0 no bias': ({ x, w }) => F.conv2d(x, w, null, { stride: 2 }),
  'conv2d d=2 p=2': ({ x, w, b }) => F.conv2d(x, w, b, { padding: 2, dilation: 2 }),
  'conv2d groups=2': ({ x, w, b }) => F.conv2d(x, w, b, { padding: 1, groups: 2 }),
  'conv2d stride [2,1] padding [0,1]': ({ x, w }) => F.conv2d(x, w, null, { stride: [2, 1], padding: [0, 1] }),
  'conv_transpose2d s=2 p=1 op=1': ({ x, w, b }) =>
    F.convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }),
  relu: ({ x }) => F.relu(x),
  'leaky_relu 0.2': ({ x }) => F.leakyRelu(x, 0.2),
  elu: ({ x }) => F.elu(x),
  sigmoid: ({ x }) => F.sigmoid(x),
  tanh: ({ x }) => F.tanh(x),
  'softmax dim=1': ({ x }) => F.softmax(x, 1),
  'softmax dim=0': ({ x }) => F.softmax(x, 0),
  'sum all': ({ x }) => x.sum(),
  'sum dims=[1,2]': ({ x }) => x.sum([1, 2]),
  'sum dim=1 keepdim': ({ x }) => x.sum(1, true),
  'mean all': ({ x }) => x.mean(),
  'mean dims=[-1] keepdim': ({ x }) => x.mean(-1, true),
  'cat dim=1': ({ a, b }) => cat([a, b], 1),
  'view [3,4]': ({ x }) => x.view(3, 4),
  'reshape [-1]': ({ x }) => x.reshape(-1),
  'permute [0,2,3,1]': ({ x }) => x.permute(0, 2, 3, 1).contiguous(),
  'narrow dim=1 start=1 length=2': ({ x }) => x.narrow(1, 1, 2),
  'interpolate nearest x2': ({ x }) => F.interpolate(x, { scaleFactor: 2 }),
  'interpolate nearest size=[5,7]': ({ x }) => F.interpolate(x, { size: [5, 7] }),
  'interpolate bilinear x2': ({ x }) => F.interpolate(x, { scaleFactor: 2, mode: 'bilinear' }),
  'interpolate bilinear size=[5,7] align_corners': ({ x }) =>
    F.interpolate(x, { size: [5, 7], mode: 'bilinear', alignCorners: true }),
  'pad constant [1,2,0,1] value=0.5': ({ x }) => F.pad(x, [1, 2, 0, 1], { value: 0.5 }),
  'pad reflect [2,2,1,1]': ({ x }) => F.pad(x, [2, 2, 1, 1], { mode: 'reflect' }),
  'pad replicate [1,0,2,1]': ({ x }) => F.pad(x, [1, 0, 2, 1], { mode: 'replicate' }),
  'max_pool2d k=2': ({ x }) => F.maxPool2d(x, 2),
  'max_pool2d k=3 s=2 p=1': ({ x }) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }),
  'avg_pool2d k=2': ({ x }) => F.avgPool2d(x, 2),
  'avg_pool2d k=3 s=2 p=1 no count_include_pad': ({ x }) =>
    F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }),
  'batch_norm training': ({ x, w, b }) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }),
  'batch_norm eval running stats': ({ x, m, v }) => F.batchNorm(x, m, v),
  instance_norm: ({ x }) => F.instanceNorm(x),
  'instance_norm affine': ({ x, w, b }) => F.instanceNorm(x, { weight: w, bias: b }),
  'grid_sample bilinear zeros': ({ x, g }) => F.gridSample(x, g),
  'grid_sample nearest border align_corners': ({ x, g }) =>
    F.gridSample(x, g, { mode: 'nearest', paddingMode: 'border', alignCorners: true }),
  'unfold k=3 p=1 s=2': ({ x }) => F.unfold(x, 3, { padding: 1, stride: 2 }),
  'fold output=[4,5] k=2': ({ x }) => F.fold(x, [4, 5], 2),
  'conv1d s=2 p=1': ({ x, w, b }) => F.conv1d(x, w, b, { stride: 2, padding: 1 }),
  'conv3d p=1 d=[1,2,1]': ({ x, w }) => F.conv3d(x, w, null, { padding: [1, 2, 1], dilation: [1, 2, 1] }),
  'conv_transpose1d s=2': ({ x, w }) => F.convTranspose1d(x, w, null, { stride: 2 }),
  'conv_transpose3d s=2 p=1 groups=2': ({ x, w, b }) =>
    F.convTranspose3d(x, w, b, { stride: 2, padding: 1, groups: 2 }),
  linear: ({ x, w, b }) => F.linear(x, w, b),
  'neg abs exp': ({ x }) => x.neg().abs().exp(),
  'log sqrt of positive': ({ x }) => x.log().add(x.sqrt()),
  'pow 3 clamp [-1,2]': ({ x }) => x.pow(3).clamp(-1, 2),
  'maximum minimum': ({ a, b }) => a.maximum(b).mul(2).add(a.minimum(b)),
  'where a > b': ({ a, b }) => where(a.gt(b), a, b.mul(10)),
  'amax dim=1 amin dims=[0,1] keepdim': ({ x }) => x.amax(1).add(x.amin([0, 1], true).squeeze(0)),
  'log_softmax dim=-1': ({ x }) => F.logSoftmax(x, -1),
  'stack dim=1': ({ a, b }) => stack([a, b], 1),
  'transpose unsqueeze expand squeeze': ({ x }) =>
    x.transpose(0, 1).unsqueeze(0).expand(4, 3, 2).contiguous().squeeze(0),
  'interpolate bicubic x2': ({ x }) => F.interpolate(x, { scaleFactor: 2, mode: 'bicubic' }),
  'grid_sample bilinear reflection': ({ x, g }) => F.gridSample(x, g, { paddingMode: 'reflection' }),
};

const fixture = readFixture<{ torch: string; cases: OpCase[] }>('ops.json');

describeWithEngine(`ops against python3-torch ${fixture.torch}`, () => {
  it('covers every fixture case and no other', () => {
    expect(Object.keys(ops).sort()).toEqual(fixture.cases.map((c) => c.name).sort());
  });

  for (const opCase of fixture.cases) {
    it(opCase.name, () => {
      const op = ops[opCase.name];
      expect(op, `no TypeScript op for ${opCase.name}`).toBeDefined();
      tidy(() => {
        const inputs: Inputs = {};
        for (const [key, stored] of Object.entries(opCase.inputs)) inputs[key] = fromStored(stored);
        expectClose(op(inputs), opCase.output, 1e-5);
      });
    });
  }
});
