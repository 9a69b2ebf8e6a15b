/**
 * `inpaint image IN --mask M -o OUT --method structureflow --weights FOLDER` against the official
 * test.py (--model 3) on the same files (test/fixtures/models/structureflow/test_py, made by
 * make_test_py_fixture.py): a 256x256 photo, the structure image from the authors' tsmooth in
 * GNU Octave there and from ours here, both generators (narrow: dim 16, one residual block) with
 * the fixture's seeded weights drawn again here and written as the official release lays them out
 * (a folder with latest_net_s_gen.pth and latest_net_f_gen.pth, plain state dicts). Inside the
 * hole at least 40 dB PSNR; outside it the input's pixels.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conv2dBlock } from '../../../src/models/structureflow/blocks.js';
import { FlowGenerator } from '../../../src/models/structureflow/flow-generator.js';
import { StructureGenerator } from '../../../src/models/structureflow/structure-generator.js';
import { noGrad, tidy, zeros } from '../../../src/torch/index.js';
import { readGray, readRgb, runInpaintHere, useTempFolder } from '../../cli/fixtures.js';
import { writePth } from '../../torch/serialization/write-pth.js';
import { describeWithEngine } from '../../torch/engine.js';
import { compareFill } from '../compare-fill.js';
import { seeded } from './seeded-weights.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'models', 'structureflow', 'test_py');
const photo = join(fixtures, '..', '..', 'edgeconnect', 'test_py', 'photo.png');
const mask = join(fixtures, 'mask.png');
const tempFolder = useTempFolder();
const narrow = { dim: 16, residualBlocks: 1 };
const flowGain = 4;
const warmup = 10;

/** The fixture's release, as the official BaseModel.save writes it. */
async function writeRelease(folder: string): Promise<void> {
  await mkdir(folder);
  const structure = seeded(new StructureGenerator(narrow), 41).train();
  noGrad(() => {
    for (let i = 0; i < warmup; i++) tidy(() => void structure.call(zeros([1, 7, 64, 64])));
  });
  const flow = seeded(new FlowGenerator(narrow), 42);
  noGrad(() => {
    const head = (flow.flow_column.location.at(1) as Conv2dBlock).conv.weight;
    tidy(() => void head.copy_(head.mul(flowGain)));
  });
  await writePth(join(folder, 'latest_net_s_gen.pth'), structure.stateDict());
  await writePth(join(folder, 'latest_net_f_gen.pth'), flow.stateDict());
  structure.dispose();
  flow.dispose();
}

describeWithEngine('structureflow reproduces the official test.py', () => {
  let folder: string, release: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'structureflow-release-'));
    release = join(folder, 'release');
    await writeRelease(release);
  }, 120_000);
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('structure then texture (the official model 3): at least 40 dB inside the hole, known pixels the input\'s', async () => {
    const output = join(await tempFolder(), 'out.png');
    const result = await runInpaintHere(['image', photo, '--mask', mask, '-o', output, '--method', 'structureflow', '--weights', release]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const [ours, theirs, input, hole] = await Promise.all([readRgb(output), readRgb(join(fixtures, 'official.png')), readRgb(photo), readGray(mask)]);
    const { psnr, knownChanged } = compareFill(ours.rgb, theirs.rgb, input.rgb, hole.data);
    console.log('structureflow end-to-end PSNR in the hole', psnr);
    expect(knownChanged).toBe(0);
    expect(psnr).toBeGreaterThanOrEqual(40);
  }, 300_000);
});
