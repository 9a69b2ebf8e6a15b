import type { OutputStream } from './terminal.js';

export interface ProgressBar {
  /** Redraws the bar; `fraction` in 0..1, `label` (stage or file) shown after it. */
  update(fraction: number, label?: string): void;
  /** Prints a whole line above the bar (the bar is redrawn below it). */
  log(line: string): void;
  /** Removes the bar from the screen. */
  clear(): void;
}

/** Redraws more often than this are skipped: a terminal cannot show them and they cost time. */
const minRedrawMs = 80;
const barWidth = 24;

/**
 * A one-line progress bar drawn on an interactive terminal. On anything else (a pipe, a file, CI
 * logs) the bar stays invisible and only logged lines come out, so logs are not littered with
 * carriage returns.
 */
export function createProgressBar(stream: OutputStream, prefix = ''): ProgressBar {
  const live = stream.isTTY === true;
  let shown = false;
  let lastDraw = 0;
  let last = { fraction: 0, label: '' };

  const draw = (): void => {
    const filled = Math.round(last.fraction * barWidth);
    const percent = `${Math.floor(last.fraction * 100)}%`.padStart(4);
    const text = `${prefix}[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent} ${last.label}`;
    const columns = stream.columns ?? 80;
    stream.write(`\r${text.slice(0, columns - 1)}\x1b[K`);
    shown = true;
    lastDraw = Date.now();
  };
  const clear = (): void => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };

  return {
    update(fraction, label = '') {
      if (!live) return;
      last = { fraction: Math.min(1, Math.max(0, fraction)), label };
      if (Date.now() - lastDraw >= minRedrawMs || fraction >= 1) draw();
    },
    log(line) {
      const wasShown = shown;
      clear();
      stream.write(`${line}\n`);
      if (wasShown) draw();
    },
    clear,
  };
}
