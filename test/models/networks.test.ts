/**
 * The contract every network of models/networks.ts keeps, run over each with its small random
 * weights: registered as a network method; odd sizes filled with every known pixel identical; the
 * worker thread's bytes equal the calling thread's; concurrent first loads share one; weights that
 * do not fit list the missing and unexpected keys with shapes; a badly shaped tensor and cancelling
 * are the toolkit's errors, across the thread boundary too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CancelledError, InvalidInputError, InvalidOptionError, StateDictMismatchError } from '../../src/core/errors.js';
import { createImage, createMask } from '../../src/core/image.js';
import { compiledWorkerScript } from '../../src/core/worker-script.js';
import { fillWithNetwork } from '../../src/models/common/fill-with-network.js';
import { defaultNetworkOptions } from '../../src/models/common/network.js';
import type { NetworkMethod } from '../../src/models/common/network-method.js';
import { cachedNetwork, loadNetwork, weightsFile } from '../../src/models/common/network-weights.js';
import { networks } from '../../src/models/networks.js';
import { inpaintImage } from '../../src/pipeline/inpaint-image.js';
import { getMethod, methods } from '../../src/methods.js';
import { noGrad, randn, tidy, zeros } from '../../src/torch/index.js';
import { describeWithEngine } from '../torch/engine.js';
import { writeMismatchedRelease, writeRelease } from './write-release.js';

const workerBuilt = compiledWorkerScript('network-worker.js', new URL('../../src/models/common/network-method.ts', import.meta.url).href) !== undefined;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'network-contract-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

function scene(width: number, height: number) {
  const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 37) % 251);
  const hole = new Uint8Array(width * height).map((_, i) => {
    const x = i % width, y = Math.floor(i / width);
    return Math.abs(x - width / 2) < width / 5 && Math.abs(y - height / 2) < height / 4 ? 1 : 0;
  });
  return { image: createImage(width, height, rgb), mask: createMask(width, height, hole) };
}

it('every network is registered as a network method, and every method that needs weights is a network', () => {
  for (const network of networks) {
    const method = getMethod(network.id) as NetworkMethod;
    expect(method.network).toBe(network);
    expect([method.kind, method.needsWeights, method.trainable, method.region]).toEqual(['image', true, network.trainable, 'whole-image']);
  }
  expect(methods.filter((m) => m.needsWeights).map((m) => m.id).sort()).toEqual(networks.map((n) => n.id).sort());
});

it('a network\'s own options are its method\'s, beside weights, and each has a default but the guide, which is optional', () => {
  for (const network of networks) {
    const own = Object.keys(network.options?.shape ?? {});
    expect(Object.keys(getMethod(network.id).options.shape)).toEqual(['weights', ...own]);
    expect(Object.keys(defaultNetworkOptions(network))).toEqual(own.filter((name) => name !== network.guideOption));
    if (network.guideOption) expect(own).toContain(network.guideOption);
  }
});

for (const network of networks) {
  describeWithEngine(`network contract: ${network.id}`, () => {
    let weights: string;
    beforeAll(async () => {
      weights = await writeRelease(folder, network, network.randomWeights(), 'random');
    });

    it.each([[21, 13], [37, 50], [8, 8]])('%ix%i: same size out, every known pixel identical, the hole filled', async (width, height) => {
      const { image, mask } = scene(width, height);
      const out = await inpaintImage(image, mask, { method: network.id, options: { weights } });
      expect([out.width, out.height]).toEqual([width, height]);
      let knownChanged = 0;
      let holeChanged = 0;
      for (let i = 0; i < mask.data.length * 3; i++) {
        if (out.rgb[i] === image.rgb[i]) continue;
        if (mask.data[Math.floor(i / 3)]) holeChanged++;
        else knownChanged++;
      }
      expect(knownChanged).toBe(0);
      expect(holeChanged).toBeGreaterThan(0);
    });

    it.runIf(workerBuilt)('the worker thread gives the bytes the calling thread gives, for an image larger than the native size', async () => {
      const { image, mask } = scene(network.nativeSize + 40, 64);
      const offThread = await inpaintImage(image, mask, { method: network.id, options: { weights } });
      const net = await loadNetwork(network, weights);
      const here = fillWithNetwork(network, net, image, mask, defaultNetworkOptions(network));
      net.dispose();
      expect(Buffer.from(offThread.rgb).equals(Buffer.from(here.rgb))).toBe(true);
    });

    it('two concurrent first requests for the same weights load them once', async () => {
      const file = await weightsFile(network, weights);
      const [a, b] = await Promise.all([cachedNetwork(network, file), cachedNetwork(network, file)]);
      expect(a).toBe(b);
    });

    it('weights that do not fit: StateDictMismatchError listing the missing and unexpected keys with their shapes', async () => {
      const { path, missing, unexpected } = await writeMismatchedRelease(folder, network);
      const { image, mask } = scene(16, 16);
      const error = await inpaintImage(image, mask, { method: network.id, options: { weights: path } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateDictMismatchError);
      expect((error as Error).message).toContain(missing);
      expect((error as Error).message).toContain(unexpected);
    });

    it('a tensor of the wrong shape at the network\'s boundary is an InvalidInputError naming it', async () => {
      const net = await loadNetwork(network, weights);
      const grid = network.sizeGrid;
      const options = defaultNetworkOptions(network);
      const run = (channels: number, side: number) => () => noGrad(() => tidy(() => {
        network.forward(net, network.input(randn([1, channels, side, side]), zeros([1, 1, side, side]), options), options);
      }));
      // Some grid cells, at least 32 px and the network's minimum: a coarse grid (PRVS: 256) needs one cell only.
      const side = grid * Math.ceil(Math.max(32, network.minimumSize ?? 0) / grid);
      if (grid > 1) expect(run(3, side + 1)).toThrow(InvalidInputError);
      expect(run(3, side)).not.toThrow();
      expect(run(4, side)).toThrow(InvalidInputError);
      net.dispose();
    });

    it('no weights: InvalidOptionError naming them; weights that do not exist: InvalidInputError', async () => {
      const { image, mask } = scene(16, 16);
      await expect(inpaintImage(image, mask, { method: network.id })).rejects.toThrow(InvalidOptionError);
      await expect(inpaintImage(image, mask, { method: network.id })).rejects.toThrow(/weights/);
      await expect(inpaintImage(image, mask, { method: network.id, options: { weights: join(folder, 'none.pth') } })).rejects.toThrow(InvalidInputError);
    });

    it('an aborted signal: CancelledError; a file that is not weights: InvalidInputError', async () => {
      const { image, mask } = scene(32, 32);
      await expect(inpaintImage(image, mask, { method: network.id, options: { weights }, signal: AbortSignal.abort() })).rejects.toThrow(CancelledError);
      const notWeights = new URL(import.meta.url).pathname;
      await expect(inpaintImage(image, mask, { method: network.id, options: { weights: notWeights } })).rejects.toThrow(InvalidInputError);
    });
  });
}
