/**
 * The training loss log: one CSV row a step (appended, so a resumed run continues the same file)
 * and a PNG plot of the curves, drawn as SVG and rasterised by sharp.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { writeFileAtomic } from '../../io/atomic-write.js';

export interface LossRow {
  readonly step: number;
  readonly seconds: number;
  /** Discriminator hinge loss. */
  readonly dLoss: number;
  /** Generator hinge loss (before weighting). */
  readonly gGan: number;
  /** L1 reconstruction of both stages. */
  readonly ae: number;
  /** What the generator minimises: gGan + ae. */
  readonly gLoss: number;
}

const COLUMNS = ['step', 'seconds', 'd_loss', 'g_gan', 'ae_loss', 'g_loss'] as const;

export async function startLossLog(path: string, resume: boolean): Promise<void> {
  if (resume) {
    const existing = await readFile(path, 'utf8').catch(() => '');
    if (existing.startsWith(COLUMNS.join(','))) return;
  }
  await writeFile(path, `${COLUMNS.join(',')}\n`);
}

export async function appendLossRows(path: string, rows: readonly LossRow[]): Promise<void> {
  if (rows.length === 0) return;
  await appendFile(path, rows.map((r) => [r.step, r.seconds.toFixed(1), r.dLoss, r.gGan, r.ae, r.gLoss].join(',')).join('\n') + '\n');
}

export async function readLossLog(path: string): Promise<LossRow[]> {
  const lines = (await readFile(path, 'utf8')).trim().split('\n').slice(1);
  return lines.filter((line) => line.length > 0).map((line) => {
    const [step, seconds, dLoss, gGan, ae, gLoss] = line.split(',').map(Number);
    return { step, seconds, dLoss, gGan, ae, gLoss };
  });
}

const SERIES: { key: keyof LossRow; label: string; colour: string }[] = [
  { key: 'ae', label: 'L1 reconstruction (both stages)', colour: '#1f77b4' },
  { key: 'dLoss', label: 'discriminator hinge', colour: '#d62728' },
  { key: 'gGan', label: 'generator hinge', colour: '#2ca02c' },
];

/** The curves (moving average over `smooth` steps) against the step, as a 900x480 PNG. */
export async function writeLossPlot(path: string, rows: readonly LossRow[], smooth = 25): Promise<void> {
  const width = 900;
  const height = 480;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const smoothed = SERIES.map((s) => movingAverage(rows.map((r) => r[s.key]), smooth));
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
    `<text x="${left}" y="24" font-family="DejaVu Sans, sans-serif" font-size="15">DeepFill v2 training losses (moving average over ${smooth} steps)</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = lo + (span * i) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#eee"/>`,
      `<text x="${left - 8}" y="${y(value) + 4}" text-anchor="end" font-family="DejaVu Sans, sans-serif" font-size="12">${value.toFixed(3)}</text>`);
    const step = Math.round(first + ((last - first) * i) / 4);
    parts.push(`<text x="${x(step)}" y="${top + plotH + 18}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="12">${step}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="13">step</text>`);
  SERIES.forEach((s, i) => {
    const points = smoothed[i].map((v, j) => `${x(rows[j].step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${points}"/>`,
      `<rect x="${left + 12}" y="${top + 10 + i * 20}" width="14" height="4" fill="${s.colour}"/>`,
      `<text x="${left + 32}" y="${top + 16 + i * 20}" font-family="DejaVu Sans, sans-serif" font-size="12">${s.label}</text>`);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  await writeFileAtomic(path, await sharp(Buffer.from(svg)).png().toBuffer());
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
