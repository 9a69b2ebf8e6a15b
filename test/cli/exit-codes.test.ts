import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, exitCodes, formatError } from '../../src/cli/exit-codes.js';
import { CancelledError, InpaintError, InvalidInputError, MaskCoversEverythingError } from '../../src/core/errors.js';

describe('exitCodeFor', () => {
  it('input errors: 2', () => {
    expect(exitCodeFor(new InvalidInputError('a.png', 'an image', 'text'))).toBe(exitCodes.badInput);
    expect(exitCodeFor(new MaskCoversEverythingError(4, 4))).toBe(2);
  });
  it('commander usage error: 2; help and version: 0', () => {
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', 'x'))).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
  });
  it('cancelled: 130', () => {
    expect(exitCodeFor(new CancelledError())).toBe(130);
  });
  it('anything else (a bug, a failed batch, a thrown string): 1', () => {
    expect(exitCodeFor(new TypeError('x is undefined'))).toBe(1);
    expect(exitCodeFor(new InpaintError('2 of 5 images failed'))).toBe(1);
    expect(exitCodeFor('oops')).toBe(1);
  });
});

describe('formatError', () => {
  it('one line without stack by default', () => {
    expect(formatError(new Error('disk full'), false)).toBe('inpaint: disk full\n');
  });
  it('debug: the stacks of the error and its cause follow', () => {
    const text = formatError(new Error('outer', { cause: new Error('inner') }), true);
    expect(text.startsWith('inpaint: outer\n')).toBe(true);
    expect(text).toContain('Error: inner');
    expect(text).toContain('    at ');
  });
});
