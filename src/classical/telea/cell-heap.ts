/**
 * Binary min-heap of grid cells keyed by arrival time: the narrow band of the fast marching
 * method. A cell whose time drops is pushed again rather than moved (lazy deletion), so the caller
 * skips cells it has already frozen when they come out a second time. Equal times come out in
 * cell order (raster order), which keeps the filling order, and so the output, deterministic.
 */
export class CellHeap {
  private cells: Int32Array;
  private keys: Float32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.cells = new Int32Array(Math.max(16, initialCapacity));
    this.keys = new Float32Array(this.cells.length);
  }

  get size(): number {
    return this.count;
  }

  push(cell: number, key: number): void {
    if (this.count === this.cells.length) this.grow();
    key = Math.fround(key); // compare as stored, so equal times tie-break by cell
    const cells = this.cells, keys = this.keys;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && cells[parent] < cell)) break;
      cells[i] = cells[parent];
      keys[i] = pk;
      i = parent;
    }
    cells[i] = cell;
    keys[i] = key;
  }

  /** Key of the cell `pop` would return next; only meaningful while `size > 0`. */
  peekKey(): number {
    return this.keys[0];
  }

  /** Removes and returns the cell with the smallest key, or -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const cells = this.cells, keys = this.keys;
    const top = cells[0];
    const n = --this.count;
    const cell = cells[n], key = keys[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && cells[right] < cells[child]))) {
        child = right;
      }
      const ck = keys[child];
      if (key < ck || (key === ck && cell < cells[child])) break;
      cells[i] = cells[child];
      keys[i] = ck;
      i = child;
    }
    cells[i] = cell;
    keys[i] = key;
    return top;
  }

  private grow(): void {
    const cells = new Int32Array(this.cells.length * 2);
    const keys = new Float32Array(cells.length);
    cells.set(this.cells);
    keys.set(this.keys);
    this.cells = cells;
    this.keys = keys;
  }
}
