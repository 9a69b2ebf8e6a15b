/**
 * torch.nn modules against python3-torch 1.13 (test/fixtures/torch/nn/modules.json): each case
 * loads PyTorch's state dict by name, runs the same steps in training or evaluation mode, and
 * matches the outputs and the state dict after every step (running statistics, spectral-norm
 * vectors) to 1e-5, and the gradients of the input and the parameters for mean(output^2) to 1e-4.
 */
import { expect, it } from 'vitest';
import { nn, tensor, tidy, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine, expectClose, readFixture, type StoredTensor } from '../engine.js';

interface Step {
  mode: 'train' | 'eval';
  input: StoredTensor;
  output: StoredTensor;
  stateDict: [string, StoredTensor][];
  inputGradient: StoredTensor;
  gradients: [string, StoredTensor][];
}

interface ModuleCase {
  name: string;
  stateDict: [string, StoredTensor][];
  steps: Step[];
}

/** The TypeScript module of each fixture case, keyed by the case's name. */
const modules: Record<string, () => nn.Module> = {
  'Conv2d(3,4,3,stride=2,padding=1)': () => new nn.Conv2d(3, 4, 3, { stride: 2, padding: 1 }),
  'Conv2d(4,6,3,padding=2,dilation=2,groups=2,bias=False)': () =>
    new nn.Conv2d(4, 6, 3, { padding: 2, dilation: 2, groups: 2, bias: false }),
  "Conv2d(2,3,3,padding=(1,2),padding_mode='reflect')": () =>
    new nn.Conv2d(2, 3, 3, { padding: [1, 2], paddingMode: 'reflect' }),
  "Conv2d(2,3,3,stride=2,padding=1,padding_mode='replicate')": () =>
    new nn.Conv2d(2, 3, 3, { stride: 2, padding: 1, paddingMode: 'replicate' }),
  "Conv3d(2,3,3,padding=1,padding_mode='reflect')": () => new nn.Conv3d(2, 3, 3, { padding: 1, paddingMode: 'reflect' }),
  'Conv3d(2,3,(2,3,3),padding=1)': () => new nn.Conv3d(2, 3, [2, 3, 3], { padding: 1 }),
  'ConvTranspose2d(4,2,4,stride=2,padding=1,groups=2)': () =>
    new nn.ConvTranspose2d(4, 2, 4, { stride: 2, padding: 1, groups: 2 }),
  'ConvTranspose2d(3,2,3,stride=2,padding=1,output_padding=1)': () =>
    new nn.ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  'Linear(5,3)': () => new nn.Linear(5, 3),
  'BatchNorm2d(3)': () => new nn.BatchNorm2d(3),
  'BatchNorm2d(3,momentum=None)': () => new nn.BatchNorm2d(3, { momentum: null }),
  'InstanceNorm2d(3)': () => new nn.InstanceNorm2d(3),
  'InstanceNorm2d(3,affine=True,track_running_stats=True)': () =>
    new nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true }),
  'spectral_norm(Conv2d(3,4,3,padding=1))': () => nn.spectralNorm(new nn.Conv2d(3, 4, 3, { padding: 1 })),
  'spectral_norm(ConvTranspose2d(4,3,4,stride=2,padding=1))': () =>
    nn.spectralNorm(new nn.ConvTranspose2d(4, 3, 4, { stride: 2, padding: 1 })),
  'Sequential(spectral_norm(Conv2d), LeakyReLU(0.2), BatchNorm2d, Conv2d, ELU, Sigmoid)': () =>
    new nn.Sequential(
      nn.spectralNorm(new nn.Conv2d(2, 4, 3, { padding: 1 })),
      new nn.LeakyReLU(0.2),
      new nn.BatchNorm2d(4),
      new nn.Conv2d(4, 2, 1),
      new nn.ELU(),
      new nn.Sigmoid(),
    ),
};

const fixture = readFixture<{ cases: ModuleCase[] }>('nn/modules.json');

function fromStored(stored: StoredTensor): Tensor {
  if (stored.dtype === 'int64') return tensor(BigInt64Array.from(stored.data, (v) => BigInt(v as number)), stored.shape);
  return tensor(Float32Array.from(stored.data as number[]), stored.shape);
}

function expectState(actual: ReadonlyMap<string, Tensor>, expected: [string, StoredTensor][]): void {
  expect([...actual.keys()]).toEqual(expected.map(([name]) => name));
  for (const [name, stored] of expected) {
    const value = actual.get(name)!;
    if (stored.dtype === 'int64') {
      expect(Array.from(value.toArray() as BigInt64Array, Number), name).toEqual(stored.data);
    } else {
      expectClose(value, stored, 1e-5);
    }
  }
}

describeWithEngine('nn modules match python3-torch', () => {
  it('every fixture case has a TypeScript module and every module a fixture case', () => {
    expect(fixture.cases.map((c) => c.name).sort()).toEqual(Object.keys(modules).sort());
  });

  for (const testCase of fixture.cases) {
    it(testCase.name, () => {
      const module = modules[testCase.name]();
      tidy(() => {
        // Same keys in the same order as PyTorch's state_dict(), before loading anything.
        expect([...module.stateDict().keys()]).toEqual(testCase.stateDict.map(([name]) => name));
        module.loadStateDict(new Map(testCase.stateDict.map(([name, stored]) => [name, fromStored(stored)])));
        for (const step of testCase.steps) {
          module.train(step.mode === 'train');
          module.zeroGrad();
          const x = fromStored(step.input).requiresGrad_();
          const y = module.call(x);
          expectClose(y, step.output, 1e-5);
          expectState(module.stateDict(), step.stateDict);
          y.pow(2).mean().backward();
          expectClose(x.grad!, step.inputGradient, 1e-4);
          const parameters = module.namedParameters();
          expect(parameters.map(([name]) => name)).toEqual(step.gradients.map(([name]) => name));
          for (const [index, [name, stored]] of step.gradients.entries()) {
            expect(parameters[index][1].grad, name).toBeDefined();
            expectClose(parameters[index][1].grad!, stored, 1e-4);
          }
        }
      });
      module.dispose();
    });
  }
});
