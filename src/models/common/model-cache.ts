/**
 * The one cache of loaded networks, per thread, keyed by the weights' identity (weights-file.ts:
 * path, size and modification time, so a changed file loads again). Two requests that arrive
 * before the first load has finished share that load. The most recent `capacity` networks stay
 * loaded; older ones are disposed, so a caller must use what `get` returns before it next awaits.
 */
export interface DisposableModel {
  dispose(): void;
}

export class ModelCache<M extends DisposableModel> {
  readonly #entries = new Map<string, Promise<M>>();

  constructor(readonly capacity = 1) {}

  get(key: string, load: () => Promise<M>): Promise<M> {
    const cached = this.#entries.get(key);
    if (cached) {
      this.#entries.delete(key);
      this.#entries.set(key, cached); // most recently used last
      return cached;
    }
    const loading = load();
    this.#entries.set(key, loading);
    loading.then(
      () => this.#evictAllBut(key),
      () => this.#entries.delete(key), // a failed load is tried again next time
    );
    return loading;
  }

  /** How many networks are loaded or loading. */
  get size(): number {
    return this.#entries.size;
  }

  /** Drops the least recently used networks but `kept` down to capacity; each is disposed on
   * the next turn of the event loop, after the callers its load resolved have used it. */
  #evictAllBut(kept: string): void {
    for (const [key, model] of [...this.#entries]) {
      if (this.#entries.size <= this.capacity) return;
      if (key === kept) continue;
      this.#entries.delete(key);
      model.then((m) => setImmediate(() => m.dispose()), () => {});
    }
  }
}
