/**
 * The training loss log: a CSV whose columns are step, seconds and the network's named loss terms,
 * one row a step (appended at each checkpoint, so a resumed run continues the same file), and a PNG
 * plot of the curves, drawn as SVG and rasterised by sharp.
 */
import { appendFile, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { InvalidInputError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { LossLogColumn } from './network-training.js';

export interface LossRow {
  readonly step: number;
  /** Training time of the whole run (resumes included) when the step ended. */
  readonly seconds: number;
  /** Each loss term's value by name. */
  readonly terms: Readonly<Record<string, number>>;
}

export class LossLog {
  private readonly header: string;

  constructor(
    readonly path: string,
    private readonly terms: readonly LossLogColumn[],
  ) {
    this.header = ['step', 'seconds', ...terms.map((t) => t.name)].join(',');
  }

  /**
   * A new log, or on resume the existing one cut back to the checkpoint's step: rows appended after
   * the last checkpoint of an interrupted run would otherwise appear twice.
   */
  async start(resumeAtStep?: number): Promise<void> {
    if (resumeAtStep === undefined) return writeFileAtomic(this.path, new TextEncoder().encode(`${this.header}\n`));
    const rows = (await this.read()).filter((row) => row.step <= resumeAtStep);
    await writeFileAtomic(this.path, new TextEncoder().encode(`${this.header}\n${rows.map((r) => this.line(r)).join('')}`));
  }

  async append(rows: readonly LossRow[]): Promise<void> {
    if (rows.length > 0) await appendFile(this.path, rows.map((r) => this.line(r)).join(''));
  }

  async read(): Promise<LossRow[]> {
    const text = await readFile(this.path, 'utf8').catch((error: unknown) => {
      throw new InvalidInputError(this.path, 'the loss log of the run being resumed', (error as Error).message, { cause: error });
    });
    const [header, ...lines] = text.trimEnd().split('\n');
    if (header !== this.header) throw new InvalidInputError(this.path, `a loss log with columns ${this.header}`, JSON.stringify(header.slice(0, 80)));
    return lines.map((line) => {
      const [step, seconds, ...values] = line.split(',').map(Number);
      return { step, seconds, terms: Object.fromEntries(this.terms.map((t, i) => [t.name, values[i]])) };
    });
  }

  /** The curves (moving average over `smooth` steps) against the step, as a 900x480 PNG. */
  async plot(path: string, title: string, smooth = 25): Promise<void> {
    await writeFileAtomic(path, await sharp(Buffer.from(plotSvg(await this.read(), this.terms, title, smooth))).png().toBuffer());
  }

  private line(row: LossRow): string {
    return `${[row.step, row.seconds.toFixed(1), ...this.terms.map((t) => row.terms[t.name])].join(',')}\n`;
  }
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const FONT = 'font-family="DejaVu Sans, sans-serif"';

function plotSvg(rows: readonly LossRow[], terms: readonly LossLogColumn[], title: string, smooth: number): string {
  const width = 900;
  const height = 480;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const smoothed = terms.map((t) => movingAverage(rows.map((r) => r.terms[t.name]), smooth));
  const all = smoothed.flat().filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const span = hi - lo || 1;
  const first = rows[0]?.step ?? 0;
  const last = rows.at(-1)?.step ?? 1;
  const x = (step: number): number => left + ((step - first) / (last - first || 1)) * plotW;
  const y = (value: number): number => top + (1 - (value - lo) / span) * plotH;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${left}" y="24" ${FONT} font-size="15">${escapeXml(title)} (moving average over ${smooth} steps)</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = lo + (span * i) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#eee"/>`,
      `<text x="${left - 8}" y="${y(value) + 4}" text-anchor="end" ${FONT} font-size="12">${value.toFixed(3)}</text>`);
    const step = Math.round(first + ((last - first) * i) / 4);
    parts.push(`<text x="${x(step)}" y="${top + plotH + 18}" text-anchor="middle" ${FONT} font-size="12">${step}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" ${FONT} font-size="13">step</text>`);
  terms.forEach((term, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = smoothed[i].map((v, j) => `${x(rows[j].step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`,
      `<rect x="${left + 12}" y="${top + 10 + i * 20}" width="14" height="4" fill="${colour}"/>`,
      `<text x="${left + 32}" y="${top + 16 + i * 20}" ${FONT} font-size="12">${escapeXml(term.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function movingAverage(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
