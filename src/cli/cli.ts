import { Command, CommanderError } from 'commander';
import { registerEdgesCommand } from './commands/edges.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerImageCommand } from './commands/image.js';
import { registerMasksCommand } from './commands/masks.js';
import { registerMethodsCommand } from './commands/methods.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTrainCommand } from './commands/train.js';
import { registerVideoCommand } from './commands/video.js';
import { registerWeightsCommand } from './commands/weights.js';
import { refuseRepeatedFlags } from './repeated-flags.js';
import { registerWorkerCommand } from './commands/worker.js';
import { exitCodeFor, exitCodes, formatError } from './exit-codes.js';
import type { CliEnvironment } from './terminal.js';
import { packageVersion } from './version.js';

/** The `inpaint` program with every command; commander errors are thrown, never exit. */
export function createProgram(env: CliEnvironment): Command {
  const program = new Command('inpaint')
    .description('Fill holes in images and videos (inpainting); inpaint methods lists the methods')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => env.stdout.write(text),
      writeErr: (text) => env.stderr.write(text),
      outputError: (text, write) => write(`inpaint: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', ['', 'Example:', '  $ inpaint image photo.jpg --mask hole.png -o filled.png', '', 'Run inpaint <command> --help for the flags of each command.'].join('\n'));
  // Commands are added after the settings above so that they inherit them.
  registerImageCommand(program, env);
  registerRunCommand(program, env);
  registerVideoCommand(program, env);
  registerEdgesCommand(program, env);
  registerMethodsCommand(program, env);
  registerMasksCommand(program, env);
  registerEvalCommand(program, env);
  registerTrainCommand(program, env);
  registerWeightsCommand(program, env);
  registerServeCommand(program, env);
  refuseRepeatedFlags(program);
  registerWorkerCommand(program, env);
  return program;
}

/** Runs the command line `args` (without node and script) and returns the exit status. */
export async function runCli(args: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    await createProgram(env).parseAsync([...args], { from: 'user' });
    return exitCodes.done;
  } catch (error) {
    const code = exitCodeFor(error);
    // Commander has already printed its own usage errors.
    if (!(error instanceof CommanderError)) env.stderr.write(formatError(error, env.debug));
    return code;
  }
}

