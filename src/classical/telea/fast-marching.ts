import { CellHeap } from './cell-heap.js';

/**
 * Cell states of a fast marching run on a padded grid (`cell = row * stride + column`).
 * FROZEN: time final (and, while inpainting, colour known); TRIAL: in the narrow band, time
 * tentative; FAR: not reached yet; BLOCKED: outside the region this march covers.
 */
export const FROZEN = 0;
export const TRIAL = 1;
export const FAR = 2;
export const BLOCKED = 3;

/**
 * Arrival time at `cell` from its frozen 4-neighbours: the upwind first-order solution of the
 * eikonal equation |∇T| = 1 on a unit grid. Needs at least one frozen neighbour.
 */
export function arrivalTime(state: Uint8Array, time: Float32Array, cell: number, stride: number): number {
  let a = Infinity; // smallest frozen vertical neighbour
  if (state[cell - stride] === FROZEN) a = time[cell - stride];
  if (state[cell + stride] === FROZEN && time[cell + stride] < a) a = time[cell + stride];
  let b = Infinity; // smallest frozen horizontal neighbour
  if (state[cell - 1] === FROZEN) b = time[cell - 1];
  if (state[cell + 1] === FROZEN && time[cell + 1] < b) b = time[cell + 1];
  const d = a - b;
  // One axis only (or one far behind the other): the front arrives straight along it.
  if (!(d < 1 && d > -1)) return (a < b ? a : b) + 1;
  return (a + b + Math.sqrt(2 - d * d)) * 0.5;
}

/**
 * Marches outwards from the cells already TRIAL (time 0) through the FAR cells, stopping once the
 * front passes `limit`. Cells it reaches end FROZEN with their distance; the rest stay FAR.
 */
export function marchOutwards(
  state: Uint8Array,
  time: Float32Array,
  start: Int32Array,
  stride: number,
  limit: number,
): void {
  const heap = new CellHeap(start.length * 2);
  for (let i = 0; i < start.length; i++) heap.push(start[i], 0);
  while (heap.size > 0 && heap.peekKey() <= limit) {
    const cell = heap.pop();
    if (state[cell] === FROZEN) continue; // an outdated entry: the cell came out earlier
    state[cell] = FROZEN;
    visitOutwards(state, time, heap, cell - stride, stride);
    visitOutwards(state, time, heap, cell + stride, stride);
    visitOutwards(state, time, heap, cell - 1, stride);
    visitOutwards(state, time, heap, cell + 1, stride);
  }
}

function visitOutwards(state: Uint8Array, time: Float32Array, heap: CellHeap, cell: number, stride: number): void {
  const s = state[cell];
  if (s !== FAR && s !== TRIAL) return;
  const t = arrivalTime(state, time, cell, stride);
  if (s === TRIAL && t >= time[cell]) return;
  state[cell] = TRIAL;
  time[cell] = t;
  heap.push(cell, t);
}
