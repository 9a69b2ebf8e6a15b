/**
 * PyTorch's default initialisation of convolution and linear layers, drawn from the engine's
 * generator (so manualSeed makes it reproducible). kaiming_uniform with a = sqrt(5) gives the
 * bound gain * sqrt(3 / fanIn) with gain = sqrt(2 / (1 + 5)), that is 1 / sqrt(fanIn), the same
 * bound PyTorch uses for the bias.
 */
import { rand } from '../creation.js';
import { noGrad } from '../grad-mode.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';

/** Fan-in of a weight: dimension 1 times the kernel's size (PyTorch's _calculate_fan_in_and_fan_out). */
export function fanIn(weightShape: readonly number[]): number {
  return weightShape.slice(1).reduce((product, size) => product * size, 1);
}

/** Uniform values in [-1/sqrt(fanIn), 1/sqrt(fanIn)): PyTorch's default for weights and biases. */
export function defaultUniform(shape: readonly number[], fanInOfWeight: number): Tensor {
  const bound = fanInOfWeight > 0 ? 1 / Math.sqrt(fanInOfWeight) : 0;
  return noGrad(() => tidy(() => rand(shape).mul(2 * bound).sub(bound)));
}
