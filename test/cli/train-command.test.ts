/**
 * `inpaint train` as users run it (the built command): a tiny DeepFill v2 run of one step on two
 * generated photos, resumed to two; a corrupt optimizer file, an unknown --set key, an unknown
 * model, a broken photo and a garbage training.json each stop it with exit 2 and a message naming
 * what was wrong, touching nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeAvailable } from '../../src/torch/index.js';
import { writeTrainingPhotos } from '../training/training-photos.js';
import { runInpaint } from './built-cli.js';
import { useTempFolder } from './fixtures.js';

const tempFolder = useTempFolder();
const tiny = ['--model', 'deepfillv2', '--set', 'size=64', '--set', 'batch=1', '--set', 'cnum=4', '--set', 'dCnum=2'];

async function photosIn(dir: string): Promise<string> {
  const photos = join(dir, 'photos');
  await writeTrainingPhotos(photos, 2);
  return photos;
}

describe.runIf(nativeAvailable() || process.env.CI === 'true')('inpaint train', () => {
  it('one step, then --resume to two: checkpoint files, loss log with the network\'s columns, step in training.json', async () => {
    const dir = await tempFolder();
    const out = join(dir, 'run');
    const args = ['train', ...tiny, '--images', await photosIn(dir), '--out', out];
    const first = runInpaint([...args, '--steps', '1', '--log-every', '1']);
    expect(first.stderr).toContain('step 1 d_loss');
    expect(first.status).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['discriminator.safetensors', 'generator.safetensors', 'losses.csv', 'losses.png', 'optimizers.safetensors', 'training.json']);
    expect(runInpaint([...args, '--steps', '2']).status).toBe(2);

    const resumed = runInpaint(['train', '--model', 'deepfillv2', '--images', join(dir, 'photos'), '--out', out, '--steps', '2', '--resume']);
    expect(resumed.stderr).toMatch(/trained to step 2/);
    expect(resumed.status).toBe(0);
    const csv = (await readFile(join(out, 'losses.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,seconds,d_loss,g_gan,ae_loss,g_loss');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2']);
    expect(JSON.parse(await readFile(join(out, 'training.json'), 'utf8'))).toMatchObject({ step: 2, options: { cnum: 4 } });
  });

  it('--resume with a corrupt optimizer file: exit 2 naming it, the file left as it was', async () => {
    const dir = await tempFolder();
    const out = join(dir, 'run');
    const args = ['train', ...tiny, '--images', await photosIn(dir), '--out', out];
    expect(runInpaint([...args, '--steps', '1']).status).toBe(0);
    await writeFile(join(out, 'optimizers.safetensors'), 'garbage');
    const result = runInpaint(['train', '--model', 'deepfillv2', '--images', join(dir, 'photos'), '--out', out, '--steps', '2', '--resume']);
    expect(result.stderr).toMatch(/optimizers\.safetensors/);
    expect(result.status).toBe(2);
    expect(await readFile(join(out, 'optimizers.safetensors'), 'utf8')).toBe('garbage');
    expect(JSON.parse(await readFile(join(out, 'training.json'), 'utf8')).step).toBe(1);
  });

  it('an unknown --set key, a bad value or an unknown model: exit 2 naming it, no output folder', async () => {
    const dir = await tempFolder();
    const photos = await photosIn(dir);
    const out = join(dir, 'run');
    const unknownKey = runInpaint(['train', ...tiny, '--set', 'depth=3', '--images', photos, '--out', out, '--steps', '1']);
    expect(unknownKey.stderr).toMatch(/options of deepfillv2 \(size, batch, lr, cnum, dCnum\) for depth/);
    expect(unknownKey.status).toBe(2);
    const badValue = runInpaint(['train', '--model', 'deepfillv2', '--set', 'size=100', '--images', photos, '--out', out, '--steps', '1']);
    expect(badValue.stderr).toMatch(/size/);
    expect(badValue.status).toBe(2);
    const unknownModel = runInpaint(['train', '--model', 'telea', '--images', photos, '--out', out, '--steps', '1']);
    expect(unknownModel.stderr).toMatch(/Expected a trainable method \(deepfillv2, edgeconnect, pconv, glcic, lbam\) for --model but received "telea"/);
    expect(unknownModel.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a photo that does not decode is named; a garbage training.json on --resume is named', async () => {
    const dir = await tempFolder();
    const photos = join(dir, 'photos');
    await mkdir(photos);
    await writeFile(join(photos, 'broken.jpg'), 'not a jpeg');
    const broken = runInpaint(['train', ...tiny, '--images', photos, '--out', join(dir, 'a'), '--steps', '1']);
    expect(broken.stderr).toMatch(/broken\.jpg/);
    expect(broken.status).toBe(2);

    const out = join(dir, 'b');
    await mkdir(out);
    await writeFile(join(out, 'training.json'), '{ not json');
    const garbage = runInpaint(['train', ...tiny, '--images', photos, '--out', out, '--steps', '1', '--resume']);
    expect(garbage.stderr).toMatch(/training\.json: expected a training state/);
    expect(garbage.status).toBe(2);
    expect(await readFile(join(out, 'training.json'), 'utf8')).toBe('{ not json');
  });
});
