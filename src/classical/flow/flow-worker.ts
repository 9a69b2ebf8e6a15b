/**
 * Worker-thread entry of the flow pool: computes one DIS flow per call. The two grey planes come
 * copied; the flow's buffer goes back transferred, not copied.
 */
import { Transferring } from '../../runtime/protocol.js';
import { serveWorker } from '../../runtime/serve-worker.js';
import { disFlow, type DisFlowOptions } from './dis-flow.js';

export interface FlowRequest {
  readonly width: number;
  readonly height: number;
  readonly from: Float32Array;
  readonly to: Float32Array;
  readonly options: DisFlowOptions;
}

const api = {
  flow({ width, height, from, to, options }: FlowRequest): Transferring<Float32Array> {
    const flow = disFlow({ width, height, data: from }, { width, height, data: to }, options);
    return new Transferring(flow.data, [flow.data.buffer]);
  },
};

export type FlowWorkerApi = typeof api;

serveWorker(api);
