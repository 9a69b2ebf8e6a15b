/** The restricted unpickler on hand-built pickles: values, memo, refusals and damage. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError, UnsafeCheckpointError } from '../../../src/core/errors.js';
import { PickleCallable, PickleDict, unpickle } from '../../../src/torch/serialization/unpickler.js';

const noGlobals = { source: 'test.pkl', globals: new Map<string, unknown>(), persistentLoad: () => null };

function bytesOf(...parts: (number[] | string)[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));
}

describe('unpickle', () => {
  it('integers of every width, LONG1 negative and past 2^53, floats, strings, None, booleans', () => {
    const pickle = bytesOf(
      [0x80, 0x02, 0x28], // PROTO 2, MARK
      [0x4b, 0xff], // BININT1 255
      [0x4d, 0x00, 0x01], // BININT2 256
      [0x4a, 0xfe, 0xff, 0xff, 0xff], // BININT -2
      [0x8a, 0x01, 0xfb], // LONG1 -5
      [0x8a, 0x08, 0x01, 0, 0, 0, 0, 0, 0x20, 0], // LONG1 2^53 + 1
      [0x8a, 0x00], // LONG1 0
      [0x47, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a], // BINFLOAT 0.1
      [0x8c, 0x03], 'h\xc3\xa9', // SHORT_BINUNICODE "hé"
      [0x4e, 0x88, 0x89], // NONE, NEWTRUE, NEWFALSE
      [0x74, 0x2e], // TUPLE, STOP
    );
    expect(unpickle(pickle, noGlobals)).toEqual([255, 256, -2, -5, 2n ** 53n + 1n, 0, 0.1, 'hé', null, true, false]);
  });

  it('a string that is not UTF-8 (half a character): InvalidInputError', () => {
    const pickle = bytesOf([0x80, 0x02, 0x8c, 0x02], 'h\xc3', [0x2e]);
    expect(() => unpickle(pickle, noGlobals)).toThrow(InvalidInputError);
    expect(() => unpickle(pickle, noGlobals)).toThrow(/not UTF-8/);
  });

  it('dicts, lists, memo: a value stored with BINPUT comes back with BINGET as the same object', () => {
    const pickle = bytesOf(
      [0x80, 0x02, 0x7d, 0x71, 0x00], // EMPTY_DICT, BINPUT 0
      [0x28, 0x8c, 0x01], 'a', [0x5d, 0x71, 0x01, 0x28, 0x4b, 0x01, 0x4b, 0x02, 0x65], // MARK 'a' [1, 2] (APPENDS)
      [0x8c, 0x01], 'b', [0x68, 0x01], // 'b' BINGET 1
      [0x75, 0x2e], // SETITEMS, STOP
    );
    const dict = unpickle(pickle, noGlobals) as PickleDict;
    expect(dict).toBeInstanceOf(PickleDict);
    expect(dict.entries.get('a')).toEqual([1, 2]);
    expect(dict.entries.get('b')).toBe(dict.entries.get('a'));
  });

  it('calls only the allowed globals, and BUILD state on a dict (OrderedDict _metadata) is dropped', () => {
    const globals = new Map<string, unknown>([['collections.OrderedDict', new PickleCallable('OrderedDict', () => new PickleDict(true))]]);
    const pickle = bytesOf([0x80, 0x02, 0x63], 'collections\nOrderedDict\n', [0x29, 0x52, 0x7d, 0x62, 0x2e]);
    const dict = unpickle(pickle, { ...noGlobals, globals }) as PickleDict;
    expect(dict.ordered).toBe(true);
    expect(dict.entries.size).toBe(0);
  });

  it('any other global: UnsafeCheckpointError naming it, before anything is called', () => {
    const pickle = bytesOf([0x80, 0x02, 0x63], 'subprocess\nPopen\n', [0x8c, 0x02], 'ls', [0x85, 0x52, 0x2e]);
    expect(() => unpickle(pickle, noGlobals)).toThrow(UnsafeCheckpointError);
    expect(() => unpickle(pickle, noGlobals)).toThrow(
      'test.pkl: checkpoint refers to subprocess.Popen, which a checkpoint must not need: refusing to run code',
    );
  });

  it('opcodes checkpoints never use (INST, which builds any class) are refused', () => {
    expect(() => unpickle(bytesOf([0x80, 0x02, 0x69], 'os\nsystem\n'), noGlobals)).toThrow(/opcode 0x69 at byte 2/);
  });

  it('a truncated pickle, a memo never stored and an empty stack: InvalidInputError', () => {
    expect(() => unpickle(bytesOf([0x80, 0x02, 0x58, 0x10, 0, 0, 0], 'abc'), noGlobals)).toThrow(/truncated/);
    expect(() => unpickle(bytesOf([0x80, 0x02, 0x4b, 0x01]), noGlobals)).toThrow(/truncated/);
    expect(() => unpickle(bytesOf([0x80, 0x02, 0x68, 0x05, 0x2e]), noGlobals)).toThrow(/memo 5/);
    expect(() => unpickle(bytesOf([0x80, 0x02, 0x2e]), noGlobals)).toThrow(/empty stack/);
  });
});
