import type { Command } from 'commander';
import { startQueueWorker } from '../../queue/queue-worker.js';
import { checkMethodWeights } from '../../server/offered-methods.js';
import { ResultFolders } from '../../server/result-folders.js';
import { collectMethodWeights, integerParser } from '../option-values.js';
import { addQueueFlags, resolveQueueFlags, type QueueFlags } from '../queue-flags.js';
import { untilAborted, type CliEnvironment } from '../terminal.js';

interface WorkerFlags extends QueueFlags {
  readonly concurrency: number;
  readonly stallTimeout: number;
  readonly weights?: Record<string, string>;
}

export function registerWorkerCommand(program: Command, env: CliEnvironment): void {
  const command = program
    .command('worker')
    .description('run the jobs of a shared queue (those of inpaint serve --queue and inpaint run --queue) until Ctrl-C');
  addQueueFlags(command, 'take jobs')
    .option('--concurrency <n>', 'jobs run at once (each uses a core while it runs)', integerParser('--concurrency', 1), 1)
    .option(
      '--stall-timeout <seconds>',
      'a worker not heard of this long (killed, its machine lost) has its job run again by another; also how often workers look',
      integerParser('--stall-timeout', 1),
      30,
    )
    .option('--weights <method=file>', 'run a network method with these weights, e.g. deepfillv2=generator.safetensors (repeatable)', collectMethodWeights)
    .addHelpText(
      'after',
      [
        '',
        'Jobs of every kind run here: images, videos, and networks given --weights. Ctrl-C (or SIGTERM) takes no',
        'more jobs and finishes the running ones; a second Ctrl-C stops at once, and another worker runs them again.',
        '',
        'Example:',
        '  $ inpaint worker --queue redis://10.0.0.5:6379 --storage /mnt/inpaint --concurrency 2',
      ].join('\n'),
    )
    .action((flags: WorkerFlags) => work(flags, env));
}

async function work(flags: WorkerFlags, env: CliEnvironment): Promise<void> {
  const { url, storage } = resolveQueueFlags(flags, true)!;
  await checkMethodWeights(flags.weights);
  const folders = await ResultFolders.open(storage);
  const worker = await startQueueWorker({
    url,
    storage: folders,
    concurrency: flags.concurrency,
    weights: flags.weights,
    lockMs: flags.stallTimeout * 1000,
    log: (line) => env.stdout.write(`inpaint worker: ${line}\n`),
  });
  env.stdout.write(`inpaint worker: taking jobs, ${flags.concurrency} at a time (Ctrl-C to stop)\n`);
  await untilAborted(env.signal);
  env.stdout.write('inpaint worker: stopping after the running jobs\n');
  await worker.close();
}
