import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/cli.js';
import { runInpaint } from './built-cli.js';

const silent = { write: () => true };
const program = createProgram({ stdout: silent, stderr: silent, signal: new AbortController().signal, debug: false });

describe('inpaint --help', () => {
  it.each(program.commands.map((c) => c.name()))('%s --help: exit 0, every flag described, an example', (name) => {
    const command = program.commands.find((c) => c.name() === name)!;
    const result = runInpaint([name, '--help']);
    expect(result.status).toBe(0);
    for (const option of command.options) {
      expect(result.stdout).toContain(option.long!);
      expect(option.description.length, option.long).toBeGreaterThan(10);
    }
    expect(result.stdout).toContain('$ inpaint ');
  });

  it('top-level --help: every command listed', () => {
    const result = runInpaint(['--help']);
    expect(result.status).toBe(0);
    for (const name of ['image', 'run', 'methods', 'masks', 'eval']) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('--version: the package version', () => {
    const result = runInpaint(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no command: help on stderr, exit 2', () => {
    const result = runInpaint([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: inpaint');
  });

  it('unknown flag: exit 2, one line with a suggestion', () => {
    const result = runInpaint(['image', 'a.png', '--maks', 'm.png', '-o', 'b.png']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^inpaint: unknown option '--maks'/);
    expect(result.stderr).toContain('--mask');
  });
});
