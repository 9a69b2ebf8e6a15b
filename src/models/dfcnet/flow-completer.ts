/**
 * Where DFC-Net runs for `propagate`: on the network worker thread (network-pool.ts), as the
 * network methods do, so that a server's event loop keeps turning during the forward passes; on
 * the calling thread only when there is no compiled worker script (running from the sources).
 */
import { throwIfCancelled } from '../../core/errors.js';
import { noGrad, tidy } from '../../torch/index.js';
import { networkPool } from '../common/network-pool.js';
import type { Planes } from './cv-resize.js';
import type { DfcNet } from './dfc-resnet.js';
import { compositeFlow, stackTensor, type PreparedFlow } from './flow-stack.js';
import { cachedDfcNet } from './model-cache.js';

/** The completed middle flow of a stack of 11 prepared flows, at the network's size (compositeFlow). */
export type FlowCompleter = (stack: readonly PreparedFlow[], signal?: AbortSignal) => Promise<Planes>;

/** The network's output in the middle flow's hole, that flow elsewhere. */
export function completeStack(net: DfcNet, stack: readonly PreparedFlow[]): Planes {
  return noGrad(() => tidy(() => compositeFlow(net.call(stackTensor(stack)), stack[(stack.length - 1) / 2])));
}

/**
 * A completer with the network of `weights`, loaded (once per thread) before it is returned, so
 * that a bad file is refused before any frame is read.
 */
export async function dfcFlowCompleter(weights: string): Promise<FlowCompleter> {
  const pool = networkPool();
  if (!pool) {
    const net = await cachedDfcNet(weights);
    return async (stack, signal) => {
      throwIfCancelled(signal);
      return completeStack(net, stack);
    };
  }
  await pool.call('loadDfcNet', { weights });
  return async (stack, signal) => {
    const { width, height } = stack[0].mask;
    const data = await pool.call('completeDfcFlow', { weights, stack }, { signal });
    return { width, height, channels: 2, data };
  };
}
