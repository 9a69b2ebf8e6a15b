/**
 * Errors across a thread boundary. Structured cloning keeps only an Error's message (and the class
 * of the built-in ones), so an InvalidInputError thrown on a worker would arrive as a plain Error
 * and the CLI would exit 1 instead of 2. Here an error travels as its class name and its own
 * fields, and comes back as an instance of the same class (the toolkit's error classes) with the
 * same fields; an unknown class that was an input error stays one.
 */
import * as coreErrors from '../core/errors.js';
import { InpaintError } from '../core/errors.js';

/** An error as it crosses to another thread: plain data only. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The error's own enumerable fields (`input`, `expected`, `isInputError`, ...), when they clone. */
  readonly fields: Record<string, unknown>;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** The classes an error is rebuilt as, by name: every error class of core/errors.ts. */
const knownClasses = new Map<string, ErrorClass>(
  (Object.values(coreErrors) as unknown[])
    .filter((value): value is ErrorClass => typeof value === 'function' && value.prototype instanceof Error)
    .map((errorClass) => [errorClass.name, errorClass]),
);

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause' || !clones(value)) continue;
    fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The error again, on this thread: its class when known, its fields, its message and stack. */
export function fromThreadError(sent: ThreadError): Error {
  const errorClass = knownClasses.get(sent.name) ?? (sent.fields.isInputError === true ? InpaintError : Error);
  const error = Object.create(errorClass.prototype) as Error;
  for (const [key, value] of Object.entries(sent.fields)) {
    Object.defineProperty(error, key, { value, enumerable: true, writable: true, configurable: true });
  }
  Object.defineProperty(error, 'message', { value: sent.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: sent.name, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: sent.stack ?? `${sent.name}: ${sent.message}`, writable: true, configurable: true });
  return error;
}

function clones(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
