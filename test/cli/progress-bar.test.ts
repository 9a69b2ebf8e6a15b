import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/cli/progress-bar.js';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 60, write: (text: string) => writes.push(text) }, writes };
}

describe('createProgressBar', () => {
  it('not a terminal: updates draw nothing, logged lines come out plain', () => {
    const { stream, writes } = recorder(false);
    const bar = createProgressBar(stream);
    bar.update(0.5, 'half');
    bar.update(1, 'done');
    bar.log('note: hello');
    bar.clear();
    expect(writes).toEqual(['note: hello\n']);
  });

  it('terminal: draws the bar with its percentage, clears it, and redraws it under a logged line', () => {
    const { stream, writes } = recorder(true);
    const bar = createProgressBar(stream, 'a.png ');
    bar.update(0.5, 'fill');
    expect(writes[0]).toMatch(/^\ra\.png \[#{12}-{12}\]  50% fill\x1b\[K$/);
    bar.log('note: hello');
    expect(writes.slice(1)).toEqual(['\r\x1b[K', 'note: hello\n', expect.stringMatching(/50% fill/)]);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('terminal: a line never wider than the terminal', () => {
    const { stream, writes } = recorder(true);
    createProgressBar(stream, 'x'.repeat(100)).update(1);
    expect(writes[0].replace('\x1b[K', '').length).toBeLessThanOrEqual(60);
  });
});
