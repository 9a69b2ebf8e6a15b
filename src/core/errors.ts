/**
 * One error class per failure. Each carries structured fields (what was expected, what came) so
 * that the command line, the server and library users can all report it precisely.
 */

/** Base class of every error the toolkit throws on purpose. */
export class InpaintError extends Error {
  /** Whether the caller's input (not the toolkit) is at fault: exit code 2, HTTP 4xx. */
  readonly isInputError: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An option or argument had a value outside what it accepts. */
export class InvalidOptionError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly received: unknown,
  ) {
    super(`Expected ${expected} for ${option} but received ${describe(received)}`);
  }
}

/** An input (image, mask, folder) could not be used as given. */
export class InvalidInputError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly input: string,
    readonly expected: string,
    readonly received: string,
    options?: { cause?: unknown },
  ) {
    super(`${input}: expected ${expected} but received ${received}`, options);
  }
}

/** Two inputs that must agree in size do not. */
export class SizeMismatchError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly what: string,
    readonly expected: { width: number; height: number },
    readonly received: { width: number; height: number },
    hint = '',
  ) {
    super(
      `${what}: expected ${expected.width}x${expected.height} but received ` +
        `${received.width}x${received.height}${hint ? `. ${hint}` : ''}`,
    );
  }
}

/** The mask leaves no known pixel to fill the hole from. */
export class MaskCoversEverythingError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly width: number, readonly height: number) {
    super(`the mask covers all ${width}x${height} pixels: there is nothing left to fill the hole from`);
  }
}

/** An image has more pixels than the caller allows (a server's limit, say), judged before decoding. */
export class PixelLimitError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly input: string,
    readonly limit: number,
    readonly width: number,
    readonly height: number,
  ) {
    super(`${input}: expected at most ${limit} pixels but received ${width}x${height} = ${width * height}`);
  }
}

/** No method is registered under the requested id. */
export class UnknownMethodError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly method: string, readonly known: readonly string[]) {
    super(`Expected one of ${known.join(', ')} for method but received ${describe(method)}`);
  }
}

/** The work was stopped through its AbortSignal. */
export class CancelledError extends InpaintError {
  constructor() {
    super('the work was cancelled');
  }
}

/** Writing an output would overwrite one of the inputs. */
export class OverwriteInputError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly path: string) {
    super(`${path}: refusing to write an output over an input`);
  }
}

/** The libtorch addon that runs the networks is not built or cannot load (libtorch missing). */
export class NativeEngineMissingError extends InpaintError {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(
      `the libtorch engine is not built: apt-get install libtorch-dev && npm run build:native (${reason})`,
      options,
    );
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws CancelledError when the signal has fired: call between units of work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * A network's paper loss needs torchvision's VGG weights and no file was given: says which file,
 * where torchvision publishes it, where to put it, and how to train without those terms.
 */
export class MissingVggWeightsError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly model: string,
    readonly file: string,
    readonly url: string,
    readonly expectedPath: string,
    readonly terms: readonly string[],
  ) {
    super(
      `training ${model} with its paper loss needs torchvision's ${file} for the terms ${terms.join(', ')}: ` +
        `download it from ${url} and put it at ${expectedPath}, or turn those terms off explicitly (--set off=${terms.join(',')})`,
    );
  }
}

/** A checkpoint names a Python global outside the few a checkpoint needs: loading it could run code. */
export class UnsafeCheckpointError extends InpaintError {
  override readonly isInputError = true;
  constructor(readonly source: string, readonly global: string) {
    super(`${source}: checkpoint refers to ${global}, which a checkpoint must not need: refusing to run code`);
  }
}

/** One tensor of a state dict, for StateDictMismatchError. */
export interface StateDictEntryShape {
  key: string;
  shape: readonly number[];
}

/** A state dict does not fit the module it is loaded into. */
export class StateDictMismatchError extends InpaintError {
  override readonly isInputError = true;
  constructor(
    readonly missing: readonly StateDictEntryShape[],
    readonly unexpected: readonly StateDictEntryShape[],
    readonly shapeMismatches: readonly { key: string; expected: readonly number[]; received: readonly number[] }[],
  ) {
    const shape = (dims: readonly number[]): string => `[${dims.join(', ')}]`;
    const parts: string[] = [];
    if (missing.length > 0) {
      parts.push(`missing keys: ${missing.map((entry) => `${entry.key} ${shape(entry.shape)}`).join(', ')}`);
    }
    if (unexpected.length > 0) {
      parts.push(`unexpected keys: ${unexpected.map((entry) => `${entry.key} ${shape(entry.shape)}`).join(', ')}`);
    }
    if (shapeMismatches.length > 0) {
      const listed = shapeMismatches.map(
        (entry) => `${entry.key} expected ${shape(entry.expected)} but received ${shape(entry.received)}`,
      );
      parts.push(`shape mismatches: ${listed.join(', ')}`);
    }
    super(`the state dict does not fit the module: ${parts.join('; ')}`);
  }
}
