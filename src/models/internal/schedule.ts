/**
 * Which batch each optimisation step trains on, after the official train_with_flow: the batch
 * list (every start and stride, each with one flow type) shuffled, each batch trained for
 * `itersPerBatch` steps, the list shuffled again when used up, and the median batch (frames from
 * T/2 at stride 1, forward flows) trained last, just before the frames are generated, as the
 * official code does before each inference. Drawn from a seed, so a resumed run takes up the same
 * sequence at its step.
 */
import { createRng } from '../../masks/random.js';
import type { InternalClip } from './clip.js';

export interface ScheduledBatch {
  readonly start: number;
  readonly stride: number;
  readonly flowType: string;
}

export function batchSchedule(clip: InternalClip, steps: number, itersPerBatch: number, seed: number): ScheduledBatch[] {
  const rng = createRng(seed);
  const list = clip.batchList();
  const blocks = Math.ceil(steps / itersPerBatch);
  const order: ScheduledBatch[] = [];
  let pool: ScheduledBatch[] = [];
  for (let block = 0; block < blocks - 1; block++) {
    if (pool.length === 0) {
      pool = [...list];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
    }
    order.push(pool.shift()!);
  }
  const median = { start: Math.min(Math.floor(clip.frameCount / 2), clip.frameCount - clip.batchSize), stride: 1, flowType: 'f1' };
  order.push(median);
  return Array.from({ length: steps }, (_, step) => order[Math.floor(step / itersPerBatch)]!);
}
