/**
 * Loading weights into freshly built networks, written once: each state dict goes into its module
 * strictly (a mismatch is a StateDictMismatchError listing the keys and shapes), and when one does
 * not fit, every module is disposed before the error goes on, so a refused file leaves no tensors
 * behind (a server refusing files for hours must not grow).
 */
import type { nn, StateDict } from '../../torch/index.js';

/** Loads `[module, stateDict]` pairs in order; on a mismatch disposes all the modules and rethrows. */
export function loadWeights(...pairs: readonly (readonly [nn.Module<any[], unknown>, StateDict])[]): void {
  try {
    for (const [module, stateDict] of pairs) module.loadStateDict(stateDict);
  } catch (error) {
    for (const [module] of pairs) module.dispose();
    throw error;
  }
}
