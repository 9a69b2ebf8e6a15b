/**
 * Worker-thread entry of the flow pool: computes one DIS flow per message. Messages carry the two
 * grey planes' buffers; the flow's buffer goes back transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { disFlow, type DisFlowOptions } from './dis-flow.js';

export interface FlowRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly from: Float32Array;
  readonly to: Float32Array;
  readonly options: DisFlowOptions;
}

export type FlowReply = { readonly id: number; readonly flow: Float32Array } | { readonly id: number; readonly error: string };

parentPort!.on('message', (request: FlowRequest) => {
  try {
    const { width, height } = request;
    const flow = disFlow({ width, height, data: request.from }, { width, height, data: request.to }, request.options);
    parentPort!.postMessage({ id: request.id, flow: flow.data } satisfies FlowReply, [flow.data.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies FlowReply);
  }
});
