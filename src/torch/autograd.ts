/**
 * torch.autograd.grad: the gradients of outputs with respect to chosen inputs, returned instead of
 * accumulated into `.grad`. With createGraph the returned gradients are themselves differentiable,
 * which a gradient penalty (WGAN-GP) needs: its loss is a function of D's input gradient.
 */
import { loadNative } from './native.js';
import { Tensor } from './tensor.js';

export interface GradOptions {
  /** The vector each output's Jacobian is multiplied by; omit for scalar outputs (ones). */
  gradOutputs?: readonly Tensor[];
  /** Keep the graph for another backward pass. @default createGraph */
  retainGraph?: boolean;
  /** Build a graph of the gradient computation, so the gradients can be differentiated. @default false */
  createGraph?: boolean;
  /** An input the outputs do not depend on gets undefined instead of an error. @default false */
  allowUnused?: boolean;
}

export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): (Tensor | undefined)[] {
  const outputList = outputs instanceof Tensor ? [outputs] : outputs;
  const inputList = inputs instanceof Tensor ? [inputs] : inputs;
  const createGraph = options.createGraph ?? false;
  const grads = loadNative().grad(outputList.map((t) => t.native), inputList.map((t) => t.native),
    options.gradOutputs?.map((t) => t.native) ?? null, options.retainGraph ?? createGraph, createGraph,
    options.allowUnused ?? false);
  return grads.map((g) => (g ? new Tensor(g) : undefined));
}
