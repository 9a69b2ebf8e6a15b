import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { TrainingCheckpoint } from '../../src/training/checkpoint.js';
import { useTempFolder } from '../io/temp-folder.js';

const tempFolder = useTempFolder();

describe('TrainingCheckpoint.readState', () => {
  it('no training.json: no run', async () => {
    expect(await new TrainingCheckpoint(await tempFolder()).readState()).toBeUndefined();
  });

  it('garbage or an incomplete state: an input error naming training.json and what is wrong', async () => {
    const checkpoint = new TrainingCheckpoint(await tempFolder());
    await writeFile(checkpoint.statePath, '{"model": "toy", step');
    await expect(checkpoint.readState()).rejects.toThrow(/training\.json: expected a training state \(JSON/);
    await writeFile(checkpoint.statePath, JSON.stringify({ model: 'toy', step: -1, seconds: 0, randomState: 1, seed: 0, options: {} }));
    await expect(checkpoint.readState()).rejects.toThrow(InvalidInputError);
    await expect(checkpoint.readState()).rejects.toThrow(/step/);
  });

  it('a complete state reads back', async () => {
    const checkpoint = new TrainingCheckpoint(await tempFolder());
    const state = { model: 'toy', step: 4, seconds: 1.5, randomState: 123, seed: 2, options: { size: 16 } };
    await writeFile(checkpoint.statePath, JSON.stringify(state));
    expect(await checkpoint.readState()).toEqual(state);
  });
});
