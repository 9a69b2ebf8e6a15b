import { describe, expect, it } from 'vitest';
import { ModelCache } from '../../../src/models/common/model-cache.js';

class FakeModel {
  disposed = false;
  constructor(readonly key: string) {}
  dispose(): void {
    this.disposed = true;
  }
}

/** A loader that counts its calls and resolves when told. */
function gatedLoader() {
  let calls = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const load = (key: string) => async () => {
    calls++;
    await gate;
    return new FakeModel(key);
  };
  return { load, open: () => open(), calls: () => calls };
}

describe('ModelCache', () => {
  it('two concurrent first requests for the same weights load them once and get the same network', async () => {
    const cache = new ModelCache<FakeModel>();
    const loader = gatedLoader();
    const first = cache.get('a', loader.load('a'));
    const second = cache.get('a', loader.load('a'));
    loader.open();
    const [m1, m2] = await Promise.all([first, second]);
    expect(loader.calls()).toBe(1);
    expect(m1).toBe(m2);
    expect(await cache.get('a', loader.load('a'))).toBe(m1);
    expect(loader.calls()).toBe(1);
  });

  it('keeps `capacity` networks: loading another disposes the least recently used, after its users ran', async () => {
    const cache = new ModelCache<FakeModel>(1);
    const a = await cache.get('a', async () => new FakeModel('a'));
    const b = await cache.get('b', async () => new FakeModel('b'));
    expect(a.disposed).toBe(false); // disposal waits one turn of the event loop
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect([a.disposed, b.disposed, cache.size]).toEqual([true, false, 1]);
  });

  it('a failed load is not kept: the next request tries again', async () => {
    const cache = new ModelCache<FakeModel>();
    await expect(cache.get('a', async () => { throw new Error('unreadable'); })).rejects.toThrow('unreadable');
    expect((await cache.get('a', async () => new FakeModel('a'))).key).toBe('a');
  });
});
