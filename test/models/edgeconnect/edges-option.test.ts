/**
 * `--set edges=FILE`, EdgeConnect's edge map of the user's, around what the parity test checks
 * (test-py-parity.test.ts): it changes the fill, a file of another size or in colour is an input
 * error naming it, the output may not overwrite it.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { createImage, createMask } from '../../../src/core/image.js';
import { edgeConnect } from '../../../src/models/edgeconnect/network.js';
import { inpaintImage } from '../../../src/pipeline/inpaint-image.js';
import { runInpaintHere, useTempFolder, writeBoxMask, writePhoto } from '../../cli/fixtures.js';
import { describeWithEngine } from '../../torch/engine.js';
import { writeRelease } from '../write-release.js';

const tempFolder = useTempFolder();
const side = 32;

/** A grey (or, with `colour`, red) edge map with a vertical line through the hole. */
async function writeEdges(path: string, width: number, height: number, colour = false): Promise<void> {
  const grey = new Uint8Array(width * height).map((_, i) => (i % width === 16 ? 255 : 0));
  const channels = colour ? Uint8Array.from([...grey].flatMap((v) => [v, 0, 0])) : grey;
  await sharp(channels, { raw: { width, height, channels: colour ? 3 : 1 } }).png().toFile(path);
}

describeWithEngine('edgeconnect --set edges=FILE', () => {
  const scene = () => {
    const rgb = new Uint8Array(side * side * 3).map((_, i) => (i * 37) % 251);
    const hole = new Uint8Array(side * side).map((_, i) => (Math.abs((i % side) - 16) < 6 && Math.abs(Math.floor(i / side) - 16) < 6 ? 1 : 0));
    return { image: createImage(side, side, rgb), mask: createMask(side, side, hole) };
  };

  it('changes the fill; a file of another size or in colour is an InvalidInputError naming it', async () => {
    const folder = await tempFolder();
    const weights = await writeRelease(folder, edgeConnect, edgeConnect.randomWeights(), 'random');
    const [edges, small, colour] = ['edges.png', 'small.png', 'colour.png'].map((name) => join(folder, name));
    await writeEdges(edges, side, side);
    await writeEdges(small, side, side - 4);
    await writeEdges(colour, side, side, true);
    const { image, mask } = scene();
    const fill = (options: Record<string, unknown>) => inpaintImage(image, mask, { method: 'edgeconnect', options: { weights, mode: 'inpaint', ...options } });
    const [withEdges, without] = await Promise.all([fill({ edges }), fill({})]);
    expect(Buffer.from(withEdges.rgb).equals(Buffer.from(without.rgb))).toBe(false);
    const wrongSize = await fill({ edges: small }).catch((e: unknown) => e);
    expect(wrongSize).toBeInstanceOf(InvalidInputError);
    expect((wrongSize as Error).message).toMatch(/small\.png[\s\S]*32x32[\s\S]*32x28/);
    await expect(fill({ edges: colour })).rejects.toThrow(/a grey image/);
    await expect(fill({ edges: join(folder, 'none.png') })).rejects.toThrow(InvalidInputError);
  });

  it('inpaint image refuses an output that is the edge map (exit 2, nothing written over)', async () => {
    const folder = await tempFolder();
    const [photo, hole, edges] = ['photo.png', 'hole.png', 'edges.png'].map((name) => join(folder, name));
    await writePhoto(photo, side, side);
    await writeBoxMask(hole, side, side, { x0: 10, y0: 10, x1: 20, y1: 20 });
    await writeEdges(edges, side, side);
    const before = await sharp(edges).raw().toBuffer();
    const result = await runInpaintHere(['image', photo, '--mask', hole, '-o', edges, '--method', 'edgeconnect', '--weights', photo, '--set', `edges=${edges}`]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/edges\.png/);
    expect((await sharp(edges).raw().toBuffer()).equals(before)).toBe(true);
  });
});
