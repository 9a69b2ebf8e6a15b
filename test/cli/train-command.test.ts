/**
 * inpaint train's refusals, pinned at the command line (exit status and message) so that they
 * hold whatever the training loop underneath: each names the file or flag at fault.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithEngine } from '../torch/engine.js';
import { runInpaint } from './built-cli.js';
import { useTempFolder, writePhoto } from './fixtures.js';

const tempFolder = useTempFolder();

/** A photo folder and an output folder holding what a run of width 4 left at step 5. */
async function resumableRun(dir: string): Promise<{ images: string; out: string }> {
  const images = join(dir, 'photos');
  const out = join(dir, 'run');
  await mkdir(images);
  await mkdir(out);
  await writePhoto(join(images, 'a.png'), 72, 72);
  const state = { model: 'deepfillv2', step: 5, size: 64, batchSize: 1, cnum: 4, dCnum: 4, lr: 1e-4, seconds: 3 };
  await writeFile(join(out, 'training.json'), JSON.stringify(state));
  await writeFile(join(out, 'generator.safetensors'), 'weights');
  await writeFile(join(out, 'discriminator.safetensors'), 'weights');
  return { images, out };
}

function train(images: string, out: string, ...more: string[]) {
  return runInpaint(['train', '--model', 'deepfillv2', '--images', images, '--out', out, '--size', '64', '--steps', '6', ...more]);
}

describe('inpaint train --resume', () => {
  it('a training.json that is not JSON: exit 2 naming it', async () => {
    const { images, out } = await resumableRun(await tempFolder());
    await writeFile(join(out, 'training.json'), '{"model": "deepfillv2", "st');
    const result = train(images, out, '--resume');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`inpaint: ${join(out, 'training.json')}: expected a training state written by inpaint train (JSON with model and step) but received text that is not JSON\n`);
  });

  it('the discriminator checkpoint missing: exit 2 naming it', async () => {
    const { images, out } = await resumableRun(await tempFolder());
    await rm(join(out, 'discriminator.safetensors'));
    const result = train(images, out, '--resume');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`inpaint: ${join(out, 'discriminator.safetensors')}: expected the discriminator checkpoint of the run being resumed (step 5) but received no such file\n`);
  });

  it('--cnum other than the run\'s own width: exit 2 saying so (it cannot change on resume)', async () => {
    const { images, out } = await resumableRun(await tempFolder());
    const result = train(images, out, '--resume', '--cnum', '8');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("inpaint: Expected the resumed run's own width, 4 (or leave --cnum out with --resume) for --cnum but received 8\n");
  });
});

describe('inpaint train --out', () => {
  it('an --out that is a file: exit 2 naming it', async () => {
    const dir = await tempFolder();
    const { images } = await resumableRun(dir);
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    const result = train(images, file);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`inpaint: ${file}: expected a folder for --out (made if missing) but received a file\n`);
  });
});

describeWithEngine('inpaint train on a folder with a bad image', () => {
  it('exit 2 naming the file, no checkpoint written', async () => {
    const dir = await tempFolder();
    const images = join(dir, 'photos');
    await mkdir(images);
    await writePhoto(join(images, 'a.png'), 72, 72);
    await writeFile(join(images, 'b.png'), 'not a picture');
    const out = join(dir, 'run');
    const result = train(images, out, '--cnum', '4', '--d-cnum', '4', '--batch', '1');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^inpaint: ${join(images, 'b.png')}: expected a training photo sharp can decode but received .+\\n$`));
    expect(await readdir(out)).toEqual([]);
  });
});
