/**
 * Runs a command in a child process and samples its resident memory (VmRSS from /proc, every half
 * second, worker threads included) until it exits: what the long-clip memory benches report.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface MemorySamples {
  readonly seconds: number;
  readonly samples: readonly { seconds: number; rssMB: number }[];
}

export async function sampleResidentMemory(command: string, args: readonly string[]): Promise<MemorySamples> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const samples: { seconds: number; rssMB: number }[] = [];
  const timer = setInterval(() => {
    const rss = residentMB(child.pid!);
    if (rss !== undefined) samples.push({ seconds: (performance.now() - started) / 1000, rssMB: rss });
  }, 500);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (exit ${code}): ${stderr.trim()}`);
  return { seconds: (performance.now() - started) / 1000, samples };
}

/** The sample at that fraction of the run. */
export function residentAt(run: MemorySamples, fraction: number): number {
  return run.samples[Math.min(run.samples.length - 1, Math.floor(fraction * run.samples.length))].rssMB;
}

export function peakResident(run: MemorySamples): number {
  return Math.max(...run.samples.map((s) => s.rssMB));
}

/** VmRSS of a live process in MB; undefined once it is gone. */
function residentMB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
