/**
 * A restricted unpickler: it reads the pickle opcodes torch.save emits (protocols 2 to 4) and
 * resolves globals only through the caller's table, so a pickle can build data but never run code.
 * Any global outside the table fails with UnsafeCheckpointError naming it.
 */
import { InvalidInputError, UnsafeCheckpointError } from '../../core/errors.js';

/** A Python dict; `ordered` for collections.OrderedDict. Attributes set by BUILD are dropped. */
export class PickleDict {
  readonly entries = new Map<unknown, unknown>();
  constructor(readonly ordered: boolean) {}
}

/** A global the caller allows to be called by REDUCE or NEWOBJ. */
export class PickleCallable {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[]) => unknown,
  ) {}
}

export interface UnpickleOptions {
  /** Name for errors (a path). */
  source: string;
  /** The allowed globals by "module.name": a PickleCallable or a plain marker value. */
  globals: ReadonlyMap<string, unknown>;
  /** What a persistent id (BINPERSID) stands for; torch uses it for tensor storages. */
  persistentLoad: (id: unknown) => unknown;
}

const enum Op {
  MARK = 0x28,
  STOP = 0x2e,
  POP = 0x30,
  POP_MARK = 0x31,
  DUP = 0x32,
  BINBYTES = 0x42,
  SHORT_BINBYTES = 0x43,
  BINFLOAT = 0x47,
  BININT = 0x4a,
  BININT1 = 0x4b,
  BININT2 = 0x4d,
  NONE = 0x4e,
  BINPERSID = 0x51,
  REDUCE = 0x52,
  BINUNICODE = 0x58,
  EMPTY_LIST = 0x5d,
  APPEND = 0x61,
  BUILD = 0x62,
  GLOBAL = 0x63,
  DICT = 0x64,
  APPENDS = 0x65,
  BINGET = 0x68,
  LONG_BINGET = 0x6a,
  LIST = 0x6c,
  BINPUT = 0x71,
  LONG_BINPUT = 0x72,
  SETITEM = 0x73,
  TUPLE = 0x74,
  SETITEMS = 0x75,
  EMPTY_DICT = 0x7d,
  EMPTY_TUPLE = 0x29,
  PROTO = 0x80,
  NEWOBJ = 0x81,
  TUPLE1 = 0x85,
  TUPLE2 = 0x86,
  TUPLE3 = 0x87,
  NEWTRUE = 0x88,
  NEWFALSE = 0x89,
  LONG1 = 0x8a,
  LONG4 = 0x8b,
  SHORT_BINUNICODE = 0x8c,
  BINUNICODE8 = 0x8d,
  BINBYTES8 = 0x8e,
  STACK_GLOBAL = 0x93,
  MEMOIZE = 0x94,
  FRAME = 0x95,
}

/** The object a pickle describes. Tuples and lists become arrays, dicts PickleDict. */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  return unpickleFrom(bytes, 0, options).value;
}

/**
 * The object of the pickle starting at byte `start`, and `end`, the byte after its STOP: the
 * legacy torch.save format is several pickles one after another.
 */
export function unpickleFrom(bytes: Uint8Array, start: number, options: UnpickleOptions): { value: unknown; end: number } {
  const { source } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  let at = start;

  const malformed = (what: string): InvalidInputError =>
    new InvalidInputError(source, 'a well-formed checkpoint pickle', what);
  const need = (count: number): number => {
    if (at + count > bytes.length) throw malformed(`a pickle that ends at byte ${bytes.length} (truncated?)`);
    const start = at;
    at += count;
    return start;
  };
  const take = (count: number): Uint8Array => bytes.subarray(need(count), at);
  const decodeText = (data: Uint8Array): string => {
    try {
      return text.decode(data);
    } catch (error) {
      throw new InvalidInputError(source, 'a well-formed checkpoint pickle', `a string that is not UTF-8 at byte ${at}`, {
        cause: error,
      });
    }
  };
  const pop = (): unknown => {
    if (stack.length === 0 || stack.length <= (marks.at(-1) ?? -1)) throw malformed(`a pop from an empty stack at byte ${at}`);
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw malformed(`an empty stack at byte ${at}`);
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const mark = marks.pop();
    if (mark === undefined) throw malformed(`a missing MARK at byte ${at}`);
    return stack.splice(mark);
  };
  const getMemo = (index: number): unknown => {
    if (!memo.has(index)) throw malformed(`a reference to memo ${index}, never stored`);
    return memo.get(index);
  };
  const resolveGlobal = (module: string, name: string): unknown => {
    const qualified = `${module}.${name}`;
    if (!options.globals.has(qualified)) throw new UnsafeCheckpointError(source, qualified);
    return options.globals.get(qualified);
  };
  const callable = (value: unknown): PickleCallable => {
    if (value instanceof PickleCallable) return value;
    throw malformed(`a call of something that is not a callable global at byte ${at}`);
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PickleDict)) throw malformed(`SETITEM on something that is not a dict at byte ${at}`);
    for (let i = 0; i + 1 < items.length; i += 2) target.entries.set(items[i], items[i + 1]);
  };
  const appendItems = (target: unknown, items: unknown[]): void => {
    if (!Array.isArray(target)) throw malformed(`APPEND on something that is not a list at byte ${at}`);
    target.push(...items);
  };
  const littleEndianInteger = (data: Uint8Array): number | bigint => {
    let value = 0n;
    for (let i = data.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[i]);
    if (data.length > 0 && data[data.length - 1] & 0x80) value -= 1n << BigInt(8 * data.length);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  };

  for (;;) {
    const opcode = bytes[need(1)];
    switch (opcode) {
      case Op.PROTO:
        need(1);
        break;
      case Op.FRAME:
        need(8);
        break;
      case Op.STOP:
        return { value: pop(), end: at };
      case Op.MARK:
        marks.push(stack.length);
        break;
      case Op.POP:
        pop();
        break;
      case Op.POP_MARK:
        popMark();
        break;
      case Op.DUP:
        stack.push(top());
        break;
      case Op.NONE:
        stack.push(null);
        break;
      case Op.NEWTRUE:
        stack.push(true);
        break;
      case Op.NEWFALSE:
        stack.push(false);
        break;
      case Op.BININT:
        stack.push(view.getInt32(need(4), true));
        break;
      case Op.BININT1:
        stack.push(bytes[need(1)]);
        break;
      case Op.BININT2:
        stack.push(view.getUint16(need(2), true));
        break;
      case Op.LONG1:
        stack.push(littleEndianInteger(take(bytes[need(1)])));
        break;
      case Op.LONG4:
        stack.push(littleEndianInteger(take(view.getInt32(need(4), true))));
        break;
      case Op.BINFLOAT:
        stack.push(view.getFloat64(need(8), false));
        break;
      case Op.SHORT_BINUNICODE:
        stack.push(decodeText(take(bytes[need(1)])));
        break;
      case Op.BINUNICODE:
        stack.push(decodeText(take(view.getUint32(need(4), true))));
        break;
      case Op.BINUNICODE8:
        stack.push(decodeText(take(Number(view.getBigUint64(need(8), true)))));
        break;
      case Op.SHORT_BINBYTES:
        stack.push(take(bytes[need(1)]).slice());
        break;
      case Op.BINBYTES:
        stack.push(take(view.getUint32(need(4), true)).slice());
        break;
      case Op.BINBYTES8:
        stack.push(take(Number(view.getBigUint64(need(8), true))).slice());
        break;
      case Op.EMPTY_TUPLE:
      case Op.EMPTY_LIST:
        stack.push([]);
        break;
      case Op.EMPTY_DICT:
        stack.push(new PickleDict(false));
        break;
      case Op.TUPLE1:
        stack.push([pop()]);
        break;
      case Op.TUPLE2: {
        const second = pop();
        stack.push([pop(), second]);
        break;
      }
      case Op.TUPLE3: {
        const third = pop();
        const second = pop();
        stack.push([pop(), second, third]);
        break;
      }
      case Op.TUPLE:
      case Op.LIST:
        stack.push(popMark());
        break;
      case Op.DICT: {
        const dict = new PickleDict(false);
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case Op.SETITEM: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case Op.SETITEMS: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case Op.APPEND: {
        const item = pop();
        appendItems(top(), [item]);
        break;
      }
      case Op.APPENDS: {
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case Op.BINPUT:
        memo.set(bytes[need(1)], top());
        break;
      case Op.LONG_BINPUT:
        memo.set(view.getUint32(need(4), true), top());
        break;
      case Op.MEMOIZE:
        memo.set(memo.size, top());
        break;
      case Op.BINGET:
        stack.push(getMemo(bytes[need(1)]));
        break;
      case Op.LONG_BINGET:
        stack.push(getMemo(view.getUint32(need(4), true)));
        break;
      case Op.GLOBAL: {
        const module = readLine();
        const name = readLine();
        stack.push(resolveGlobal(module, name));
        break;
      }
      case Op.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') {
          throw malformed(`a STACK_GLOBAL without names at byte ${at}`);
        }
        stack.push(resolveGlobal(module, name));
        break;
      }
      case Op.REDUCE:
      case Op.NEWOBJ: {
        const args = pop();
        const target = callable(pop());
        if (!Array.isArray(args)) throw malformed(`a call of ${target.name} without an argument tuple`);
        stack.push(target.call(args));
        break;
      }
      case Op.BUILD: {
        pop();
        // Only a dict may carry state here: OrderedDict's `_metadata` attribute, which loading ignores.
        if (!(top() instanceof PickleDict)) throw malformed(`BUILD on something that is not a dict at byte ${at}`);
        break;
      }
      case Op.BINPERSID:
        stack.push(options.persistentLoad(pop()));
        break;
      default:
        throw malformed(
          `pickle opcode 0x${opcode.toString(16).padStart(2, '0')} at byte ${at - 1}, which checkpoints do not use`,
        );
    }
  }

  function readLine(): string {
    const newline = bytes.indexOf(0x0a, at);
    if (newline < 0) throw malformed(`a pickle that ends at byte ${bytes.length} (truncated?)`);
    const line = new TextDecoder().decode(bytes.subarray(at, newline));
    at = newline + 1;
    return line;
  }
}
