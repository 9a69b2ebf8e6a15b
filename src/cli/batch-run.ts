import { join } from 'node:path';
import { prepareOutputFolder } from '../io/output-folder.js';
import { InpaintError } from '../core/errors.js';
import { assertSeparateOutputFolder, planBatch, type BatchItem, type BatchPlan } from './batch-plan.js';
import type { MaskFlags } from './mask-flags.js';
import type { MethodFlags } from './method-flags.js';
import type { QueueFlags } from './queue-flags.js';
import type { CliEnvironment } from './terminal.js';

/** What `inpaint run` does to a batch, here or through the shared queue. */
export interface RunFlags extends MethodFlags, MaskFlags, QueueFlags {
  readonly image: string;
  readonly mask?: string;
  readonly output: string;
  readonly format: 'png' | 'jpg' | 'webp';
}

export interface RunSettings {
  readonly flags: RunFlags;
  readonly method: string;
  readonly options: Record<string, unknown>;
  readonly env: CliEnvironment;
}

export interface BatchFailure {
  readonly image: string;
  readonly message: string;
}

/** Pairs the images with their masks and makes the output folder (never an input folder). */
export async function prepareBatch(flags: RunFlags): Promise<BatchPlan> {
  const plan = await planBatch(flags.image, flags.mask, flags.maskFromAlpha === true);
  await assertSeparateOutputFolder(flags.output, plan.inputFolders);
  await prepareOutputFolder(flags.output, '--output');
  return plan;
}

/** Lists the images that failed, at the end, and fails the command (exit status 1) when any did. */
export function reportFailures(failures: readonly BatchFailure[], total: number, env: CliEnvironment): void {
  if (failures.length === 0) return;
  env.stderr.write(`\nfailed:\n${failures.map((f) => `  ${f.image}: ${f.message}\n`).join('')}`);
  throw new InpaintError(`${failures.length} of ${total} images failed`);
}

/** Where an image's result goes: `<output>/<stem>.<format>`. */
export function outputPathOf(item: BatchItem, flags: RunFlags): string {
  return join(flags.output, `${item.stem}.${flags.format}`);
}
