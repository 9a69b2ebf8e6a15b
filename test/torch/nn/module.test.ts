/** Module's bookkeeping: dotted names, PyTorch's state-dict order, loading and its errors, modes, memory. */
import { expect, it } from 'vitest';
import { InvalidOptionError, StateDictMismatchError } from '../../../src/core/errors.js';
import { nn, ones, randn, tidy, zeros, type Tensor } from '../../../src/torch/index.js';
import { describeWithEngine, valuesOf } from '../engine.js';

/** A small network shaped like a generator's block: children, a Sequential, a plain buffer. */
class Block extends nn.Module {
  readonly conv1 = this.registerModule('conv1', new nn.Conv2d(2, 3, 3, { padding: 1 }));
  readonly scale = this.registerParameter('scale', ones([1]));
  readonly body = this.registerModule('body', new nn.Sequential(new nn.BatchNorm2d(3), new nn.ReLU(), new nn.Conv2d(3, 1, 1)));
  readonly mask = this.registerBuffer('mask', zeros([1]), { persistent: false });

  forward(x: Tensor): Tensor {
    return this.body.call(this.conv1.call(x)).mul(this.scale);
  }
}

function caught(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describeWithEngine('nn.Module', () => {
  it('namedParameters lists own parameters first, then children with dotted names', () => {
    const block = new Block();
    expect(block.namedParameters().map(([name]) => name)).toEqual([
      'scale', 'conv1.weight', 'conv1.bias', 'body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias',
    ]);
    expect(block.parameters()).toHaveLength(7);
    expect(block.parameters().every((p) => p.requiresGrad)).toBe(true);
    block.dispose();
  });

  it('namedBuffers includes non-persistent buffers; stateDict leaves them out', () => {
    const block = new Block();
    expect(block.namedBuffers().map(([name]) => name)).toEqual([
      'mask', 'body.0.running_mean', 'body.0.running_var', 'body.0.num_batches_tracked',
    ]);
    expect([...block.stateDict().keys()]).toEqual([
      'scale', 'conv1.weight', 'conv1.bias', 'body.0.weight', 'body.0.bias', 'body.0.running_mean',
      'body.0.running_var', 'body.0.num_batches_tracked', 'body.2.weight', 'body.2.bias',
    ]);
    block.dispose();
  });

  it('a module shared by two parents is listed once', () => {
    const shared = new nn.Conv2d(1, 1, 1);
    const twice = new nn.Sequential(shared, shared);
    expect(twice.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias']);
    twice.dispose();
  });

  it('loadStateDict copies values into the same tensors, without autograd', () => {
    const source = new Block();
    const target = new Block();
    const weight = target.conv1.weight;
    target.loadStateDict(source.stateDict());
    expect(target.conv1.weight).toBe(weight);
    expect(valuesOf(weight)).toEqual(valuesOf(source.conv1.weight));
    expect(weight.requiresGrad).toBe(true);
    expect(weight.grad).toBeUndefined();
    source.dispose();
    target.dispose();
  });

  it('loadStateDict with a missing key, an extra key and a wrong shape throws listing each, copying nothing', () => {
    const block = new Block();
    const before = valuesOf(block.conv1.weight);
    const state = new Map(block.stateDict());
    state.delete('body.2.bias');
    state.set('body.3.weight', zeros([2]));
    state.set('conv1.weight', zeros([3, 2, 5, 5]));
    state.set('scale', ones([1]).mul(7));
    const error = caught(() => block.loadStateDict(state));
    expect(error).toBeInstanceOf(StateDictMismatchError);
    const mismatch = error as StateDictMismatchError;
    expect(mismatch.missing).toEqual([{ key: 'body.2.bias', shape: [1] }]);
    expect(mismatch.unexpected).toEqual([{ key: 'body.3.weight', shape: [2] }]);
    expect(mismatch.shapeMismatches).toEqual([{ key: 'conv1.weight', expected: [3, 2, 3, 3], received: [3, 2, 5, 5] }]);
    expect(mismatch.message).toContain('missing keys: body.2.bias [1]');
    expect(mismatch.message).toContain('unexpected keys: body.3.weight [2]');
    expect(mismatch.message).toContain('conv1.weight expected [3, 2, 3, 3] but received [3, 2, 5, 5]');
    expect(valuesOf(block.conv1.weight)).toEqual(before);
    expect(valuesOf(block.scale)).toEqual([1]);
    block.dispose();
  });

  it('loadStateDict with strict false skips missing and unexpected keys but not shape mismatches', () => {
    const block = new Block();
    block.loadStateDict(new Map([['scale', ones([1]).mul(3)], ['extra', zeros([1])]]), { strict: false });
    expect(valuesOf(block.scale)).toEqual([3]);
    const error = caught(() => block.loadStateDict(new Map([['scale', zeros([2])]]), { strict: false }));
    expect(error).toBeInstanceOf(StateDictMismatchError);
    expect((error as StateDictMismatchError).missing).toEqual([]);
    block.dispose();
  });

  it('train() and eval() reach every descendant', () => {
    const block = new Block();
    expect(block.namedModules().every(([, m]) => m.training)).toBe(true);
    expect(block.eval()).toBe(block);
    expect(block.namedModules().map(([name, m]) => [name, m.training])).toEqual([
      ['', false], ['conv1', false], ['body', false], ['body.0', false], ['body.1', false], ['body.2', false],
    ]);
    block.train();
    expect(block.namedModules().every(([, m]) => m.training)).toBe(true);
    block.dispose();
  });

  it('a module built inside tidy keeps its parameters and buffers after the scope ends', () => {
    const block = tidy(() => new Block());
    expect(block.parameters().concat(block.buffers()).some((t) => t.isDisposed)).toBe(false);
    expect(block.call(randn([1, 2, 4, 4])).shape).toEqual([1, 1, 4, 4]);
    block.dispose();
    expect(block.parameters().concat(block.buffers()).every((t) => t.isDisposed)).toBe(true);
  });

  it('zeroGrad drops every gradient', () => {
    const block = new Block();
    block.call(randn([1, 2, 4, 4])).sum().backward();
    expect(block.parameters().every((p) => p.grad !== undefined)).toBe(true);
    block.zeroGrad();
    expect(block.parameters().every((p) => p.grad === undefined)).toBe(true);
    block.dispose();
  });

  it('Sequential runs its layers in order and indexes them', () => {
    const first = new nn.Linear(3, 2);
    const model = new nn.Sequential(first, new nn.Tanh());
    const x = randn([4, 3]);
    expect(valuesOf(model.call(x))).toEqual(valuesOf(first.call(x).tanh()));
    expect(model.length).toBe(2);
    expect(model.at(0)).toBe(first);
    model.dispose();
  });

  it('registering a name with a dot, an empty name or a taken name throws InvalidOptionError', () => {
    const block = new Block();
    expect(() => block.registerParameter('a.b', zeros([1]))).toThrow(InvalidOptionError);
    expect(() => block.registerBuffer('', zeros([1]))).toThrow(InvalidOptionError);
    expect(() => block.registerModule('conv1', new nn.ReLU())).toThrow(InvalidOptionError);
    expect(() => block.removeParameter('missing')).toThrow(InvalidOptionError);
    block.dispose();
  });
});
