/**
 * Writes a state dict as PyTorch 0.4's torch.save did (the legacy format, which
 * resnet101_movie.pth has): {'n_iter': n, 'model': OrderedDict(key -> tensor)}, keys as given.
 * For tests: a release-format file of random weights, made at test time (a full-width ResNet file
 * is tens of megabytes, too large to commit). Float32 and int64 tensors, contiguous.
 */
import { writeFileSync } from 'node:fs';
import type { StateDict } from '../../../src/torch/index.js';

class PickleWriter {
  readonly parts: Uint8Array[] = [];

  bytes(...values: number[]): this {
    this.parts.push(Uint8Array.from(values));
    return this;
  }

  op(code: string): this {
    return this.bytes(code.charCodeAt(0));
  }

  int(value: number): this {
    const b = new Uint8Array(5);
    b[0] = 'J'.charCodeAt(0);
    new DataView(b.buffer).setInt32(1, value, true);
    this.parts.push(b);
    return this;
  }

  string(value: string): this {
    const text = new TextEncoder().encode(value);
    const b = new Uint8Array(5 + text.length);
    b[0] = 'X'.charCodeAt(0);
    new DataView(b.buffer).setUint32(1, text.length, true);
    b.set(text, 5);
    this.parts.push(b);
    return this;
  }

  global(module: string, name: string): this {
    this.parts.push(new TextEncoder().encode(`c${module}\n${name}\n`));
    return this;
  }

  tuple(items: (() => void)[]): this {
    this.op('(');
    for (const item of items) item();
    return this.op('t');
  }

  orderedDict(items: [string, () => void][]): this {
    this.global('collections', 'OrderedDict').op(')').op('R');
    if (items.length === 0) return this;
    this.op('(');
    for (const [key, value] of items) {
      this.string(key);
      value();
    }
    return this.op('u');
  }

  /** A whole pickle: protocol 2, the body, STOP. */
  static pickle(body: (w: PickleWriter) => void): Uint8Array {
    const w = new PickleWriter();
    w.bytes(0x80, 0x02);
    body(w);
    w.op('.');
    return concat(w.parts);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function writeLegacyPth(path: string, stateDict: StateDict, nIter = 0): void {
  const entries = [...stateDict];
  const keys = entries.map((_, i) => String(i));
  const object = PickleWriter.pickle((w) => {
    w.op('}').op('(').string('n_iter').int(nIter).string('model');
    w.orderedDict(entries.map(([name, t], i) => [name, () => {
      const storage = t.dtype === 'int64' ? 'LongStorage' : 'FloatStorage';
      const numel = t.shape.reduce((a, b) => a * b, 1);
      const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
      w.global('torch._utils', '_rebuild_tensor_v2');
      w.tuple([
        () => w.tuple([() => w.string('storage'), () => w.global('torch', storage), () => w.string(keys[i]), () => w.string('cpu'), () => w.int(numel), () => w.op('N')]).op('Q'),
        () => w.int(0),
        () => w.tuple(t.shape.map((n) => () => w.int(n))),
        () => w.tuple(strides.map((n) => () => w.int(n))),
        () => w.bytes(0x89),
        () => w.orderedDict([]),
      ]).op('R');
    }]));
    w.op('u');
  });
  const header = [
    PickleWriter.pickle((w) => w.bytes(0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)),
    PickleWriter.pickle((w) => w.int(1001)),
    PickleWriter.pickle((w) => {
      w.op('}').op('(').string('protocol_version').int(1001).string('little_endian').bytes(0x88).string('type_sizes');
      w.op('}').op('(').string('short').int(2).string('int').int(4).string('long').int(4).op('u').op('u');
    }),
  ];
  const keyList = PickleWriter.pickle((w) => {
    w.op(']').op('(');
    for (const key of keys) w.string(key);
    w.op('e');
  });
  const storages = entries.map(([, t]) => {
    const values = t.contiguous().toArray();
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(values.length), true);
    return concat([count, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]);
  });
  writeFileSync(path, concat([...header, object, keyList, ...storages]));
}
