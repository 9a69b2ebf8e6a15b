import type { Command } from 'commander';
import { getMethod } from '../../methods.js';
import { importRelease } from '../../weights/import-release.js';
import { networkWeights, networkWeightsFor } from '../../weights/networks.js';
import type { CheckpointLayout } from '../../weights/release.js';
import { installedReleases, weightsFolder } from '../../weights/weights-folder.js';
import type { CliEnvironment } from '../terminal.js';

interface ListFlags {
  readonly weightsDir?: string;
  readonly json?: boolean;
}

interface ImportFlags {
  readonly model: string;
  readonly name?: string;
  readonly replace?: boolean;
  readonly weightsDir?: string;
}

const WEIGHTS_DIR_HELP = 'the weights folder (default: $INPAINT_WEIGHTS, else ~/.cache/inpaint/weights)';

export function registerWeightsCommand(program: Command, env: CliEnvironment): void {
  const weights = program
    .command('weights')
    .description('the official weights each network accepts, and the weights folder --weights NAME finds them in')
    .option('--weights-dir <folder>', WEIGHTS_DIR_HELP)
    .option('--json', 'print the list as JSON, for scripts')
    .addHelpText(
      'after',
      [
        '',
        'Nothing is downloaded: fetch a release from where its authors publish it, then import it.',
        'The folder holds MODEL/NAME/<sub-network>.safetensors and release.json (sources and SHA-256).',
        '',
        'Examples:',
        '  $ inpaint weights',
        '  $ inpaint weights import states_tf_places2.pth --model deepfillv2',
        '  $ inpaint image photo.jpg --mask hole.png -o filled.png --method deepfillv2 --weights places2',
      ].join('\n'),
    )
    .action((flags: ListFlags) => listWeights(flags, env));

  weights
    .command('import <source>')
    .description('check a weights file or release folder against the network (keys and shapes) and store it as safetensors')
    .requiredOption('--model <id>', `the network method it is for: ${networkWeights.map((network) => network.model).join(', ')}`)
    .option('--name <name>', 'the name --weights finds it by (default: the official release it is, known by its file names)')
    .option('--replace', 'replace a release of that name already stored')
    .option('--weights-dir <folder>', WEIGHTS_DIR_HELP)
    .addHelpText(
      'after',
      [
        '',
        'SOURCE is a checkpoint (.pth in the zip or legacy format, .t7, .safetensors) or a folder holding a',
        'release of several files under their official names.',
        '',
        'Examples:',
        '  $ inpaint weights import ~/Downloads/states_tf_places2.pth --model deepfillv2',
        '  $ inpaint weights import runs/a/generator.safetensors --model deepfillv2 --name my-run',
      ].join('\n'),
    )
    .action(async (source: string, flags: ImportFlags) => {
      const network = networkWeightsFor(flags.model);
      const folder = weightsFolder(flags.weightsDir ?? weights.opts<ListFlags>().weightsDir);
      const { path, record } = await importRelease({ source, network, folder, name: flags.name, replace: flags.replace });
      const stored = record.stored.map((file) => `${file.file} (sha256 ${file.sha256})`).join(', ');
      env.stdout.write(`imported ${record.name} for ${record.model} into ${path}: ${stored}\n`);
      env.stdout.write(`use it with: --method ${record.model} --weights ${record.name}\n`);
    });
}

function listWeights(flags: ListFlags, env: CliEnvironment): void {
  const folder = weightsFolder(flags.weightsDir);
  const networks = networkWeights.map((network) => ({
    model: network.model,
    description: getMethod(network.model).description,
    releases: network.releases.map((release) => ({
      name: release.name,
      description: release.description,
      publishedAt: release.publishedAt,
      files: release.files,
      layout: describeLayout(release.layout),
    })),
    installed: installedReleases(folder, network.model).map(({ name, path, record }) => ({
      name,
      path,
      release: record.release ?? null,
      sources: record.sources,
    })),
  }));
  if (flags.json) {
    env.stdout.write(`${JSON.stringify({ folder, networks }, null, 2)}\n`);
    return;
  }
  const lines = [`weights folder: ${folder}`];
  for (const network of networks) {
    lines.push('', `${network.model}: ${network.description}`, '  official releases:');
    for (const release of network.releases) {
      lines.push(`    ${release.name}: ${release.description}`);
      lines.push(`      files: ${release.files.join(', ')}; ${release.layout}`);
      lines.push(`      published at: ${release.publishedAt}`);
    }
    lines.push(network.installed.length === 0
      ? `  in the weights folder: none (inpaint weights import FILE --model ${network.model})`
      : '  in the weights folder:');
    for (const installed of network.installed) {
      const sources = installed.sources.map((source) => `${source.file} sha256 ${source.sha256}`).join(', ');
      lines.push(`    ${installed.name}${installed.release ? ` (official ${installed.release})` : ''}: from ${sources}`);
    }
  }
  env.stdout.write(`${lines.join('\n')}\n`);
}

/** One line saying where each file's state dict sits. */
function describeLayout(layout: CheckpointLayout): string {
  return layout.files
    .map((file) => `${file.fileName ?? 'the file'} -> ${file.subNetwork}${file.keys?.length ? ` (under key ${file.keys.join(' or ')})` : ''}`)
    .join(', ');
}
