/** safetensors: round trips, a file laid out by Python, atomic writes and damaged files. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import {
  decodeSafetensors,
  encodeSafetensors,
  loadSafetensors,
  readPth,
  saveSafetensors,
  tensor,
  type StateDict,
} from '../../../src/torch/index.js';
import { describeWithEngine } from '../engine.js';
import { checkpointPath, expected, expectExactly } from './fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'inpaint-safetensors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function sampleStateDict(): StateDict {
  return new Map([
    ['conv.weight', tensor(Float32Array.from([0.1, -2.5, 3e-8, 1e30, -0, 7]), [1, 2, 3])],
    ['norm.num_batches_tracked', tensor(BigInt64Array.from([2n ** 62n + 1n]), [])],
    ['mask', tensor(Uint8Array.from([1, 0, 1, 1]), [2, 2])],
    ['empty', tensor(new Float32Array(0), [0, 3])],
  ]);
}

describeWithEngine('safetensors', () => {
  it('save then load: same keys in order, shapes, dtypes and exact values (float32, int64 past 2^53, bool, empty)', async () => {
    const original = sampleStateDict();
    const path = join(folder, 'round-trip.safetensors');
    await saveSafetensors(path, original);
    const loaded = await loadSafetensors(path);
    expect([...loaded.keys()]).toEqual([...original.keys()]);
    for (const [key, value] of original) {
      const back = loaded.get(key)!;
      expect(back.shape, key).toEqual(value.shape);
      expect(back.dtype, key).toBe(value.dtype);
      expect(back.toArray(), key).toEqual(value.toArray());
    }
  });

  it('the header is 8-byte aligned JSON with dtype, shape and data_offsets, and metadata survives', () => {
    const bytes = encodeSafetensors(sampleStateDict(), { step: '7' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header.__metadata__).toEqual({ step: '7' });
    expect(header['conv.weight']).toEqual({ dtype: 'F32', shape: [1, 2, 3], data_offsets: [0, 24] });
    expect(header['norm.num_batches_tracked']).toEqual({ dtype: 'I64', shape: [], data_offsets: [24, 32] });
    expect(header.mask).toEqual({ dtype: 'BOOL', shape: [2, 2], data_offsets: [32, 36] });
    expect(bytes.length).toBe(8 + headerLength + 36);
    expect(decodeSafetensors(bytes).metadata).toEqual({ step: '7' });
  });

  it('reads a file Python laid out by the format rules (F32, F16, I64, BOOL, metadata)', () => {
    const { stateDict, metadata } = decodeSafetensors(
      new Uint8Array(readFileSync(checkpointPath('python_written.safetensors'))),
    );
    expect(metadata).toEqual({ format: 'pt', source: 'make_checkpoints.py' });
    expect([...stateDict.keys()]).toEqual(Object.keys(expected.safetensors));
    for (const [key, value] of stateDict) expectExactly(value, expected.safetensors[key], key);
  });

  it('a .pth state dict saved as safetensors loads back equal', async () => {
    const fromPth = (await readPth(checkpointPath('small_net.pth'))) as StateDict;
    const path = join(folder, 'small-net.safetensors');
    await saveSafetensors(path, fromPth);
    const loaded = await loadSafetensors(path);
    for (const [key, value] of loaded) expectExactly(value, expected.small_net[key], key);
  });

  it('writes atomically: overwriting leaves only the final file, no temporary beside it', async () => {
    const path = join(folder, 'atomic', 'model.safetensors');
    mkdirSync(join(folder, 'atomic'));
    await saveSafetensors(path, sampleStateDict());
    await saveSafetensors(path, new Map([['only', tensor([1, 2])]]));
    expect(readdirSync(join(folder, 'atomic'))).toEqual(['model.safetensors']);
    expect([...(await loadSafetensors(path)).keys()]).toEqual(['only']);
  });

  it('a write that fails at the rename (a folder in the way) rejects and removes its temporary file', async () => {
    mkdirSync(join(folder, 'blocked', 'model.safetensors'), { recursive: true });
    await expect(saveSafetensors(join(folder, 'blocked', 'model.safetensors'), sampleStateDict())).rejects.toThrow();
    expect(readdirSync(join(folder, 'blocked'))).toEqual(['model.safetensors']);
  });

  it('a write into a missing folder rejects with the file system error', async () => {
    await expect(saveSafetensors(join(folder, 'missing', 'model.safetensors'), sampleStateDict())).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['a file shorter than the length field', new Uint8Array(5), /truncated/],
    ['a header length past the end', headerOf('{}', 1000), /truncated/],
    ['a header that is not JSON', headerOf('{nope'), /not JSON/],
    ['an unknown dtype', headerOf('{"x":{"dtype":"Q8","shape":[1],"data_offsets":[0,1]}}'), /entry x/],
    ['data offsets that disagree with the shape', headerOf('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 0, 8), /x \[2\] F32/],
    ['data past the end', headerOf('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 0, 4), /x \[2\] F32/],
  ])('%s: InvalidInputError', (_case, bytes, message) => {
    expect(() => decodeSafetensors(bytes)).toThrow(InvalidInputError);
    expect(() => decodeSafetensors(bytes)).toThrow(message);
  });

  it('loadSafetensors names the path in its error', async () => {
    const path = join(folder, 'broken.safetensors');
    writeFileSync(path, headerOf('{nope'));
    await expect(loadSafetensors(path)).rejects.toThrow(path);
  });
});

/** A safetensors file with this header text, an optional wrong length and dataBytes zero bytes of data. */
function headerOf(json: string, extraLength = 0, dataBytes = 0): Uint8Array {
  const text = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + text.length + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length + extraLength), true);
  bytes.set(text, 8);
  return bytes;
}
