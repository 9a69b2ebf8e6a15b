/**
 * Mask tracking bench: synthetic clips (a textured object that moves and changes size over a
 * panning photo, its true mask known in every frame), tracked from one key frame's true mask.
 * Prints per clip the mean and the minimum IoU of the tracked masks with the true ones (the key
 * frame left out), and the time per frame against one DIS flow at the same size measured in the
 * same run; writes a strip of frames with the tracked outline (red) and the true one (green).
 * See bench/README.md.
 *
 *   node dist/bench/track-masks.js [--frames 30] [--strip out/track-strip.png]
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { disFlow } from '../src/classical/flow/dis-flow.js';
import { createFlowPool } from '../src/classical/flow/flow-pool.js';
import { toGray } from '../src/classical/flow/gray-pyramid.js';
import { createImage, type Image, type Mask } from '../src/core/image.js';
import { readImage } from '../src/io/read-image.js';
import { readFrames } from '../src/io/video/read-frames.js';
import { writeImage } from '../src/io/write-image.js';
import { fitWithin, shrinkImage } from '../src/segmentation/resample.js';
import { trackMasks } from '../src/segmentation/track-masks.js';
import { maskIoU, movingObjectClip, type MovingObjectClipOptions } from './moving-object-clip.js';
import { outlineStrip } from './outline-strip.js';

/** Photos the clips are cut from: the project's samples, and Matplotlib's sample photo when installed. */
const optionalPhotos = ['/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { frames: { type: 'string', default: '30' }, strip: { type: 'string', default: 'out/track-strip.png' } } });
  const frames = Number(values.frames);
  const photos = await loadPhotos();
  console.log(`photos: ${photos.map((p) => p.name).join(', ')}`);
  const clips = clipPlans(photos, frames);
  const pool = createFlowPool();
  const rows: { name: string; mean: number; min: number; msPerFrame: number }[] = [];
  const strips: { frames: Image[]; tracked: Mask[]; truth: Mask[] }[] = [];
  try {
    for (const { name, options, key } of clips) {
      const clip = movingObjectClip(options);
      const started = performance.now();
      const tracked: Mask[] = [];
      for await (const mask of trackMasks(clip.frames, new Map([[key, clip.masks[key]]]), { flow: (a, b) => pool.flow(a, b) })) tracked.push(mask);
      const msPerFrame = (performance.now() - started) / (frames - 1);
      const ious = tracked.map((mask, t) => maskIoU(mask, clip.masks[t])).filter((_, t) => t !== key);
      rows.push({ name, mean: ious.reduce((a, b) => a + b, 0) / ious.length, min: Math.min(...ious), msPerFrame });
      strips.push({ frames: clip.frames, tracked, truth: clip.masks });
    }
  } finally {
    await pool.close();
  }
  const flowMs = referenceFlowMs(clips[0].options);
  console.log('\nclip                          frames  key  mean IoU  min IoU  ms/frame  x one DIS flow');
  for (const row of rows) {
    const clip = clips.find((c) => c.name === row.name)!;
    console.log(
      `${row.name.padEnd(30)} ${String(frames).padStart(5)}  ${String(clip.key).padStart(3)}  ${row.mean.toFixed(3).padStart(8)}  ${row.min.toFixed(3).padStart(7)}  ` +
        `${row.msPerFrame.toFixed(0).padStart(8)}  ${(row.msPerFrame / flowMs).toFixed(1).padStart(14)}`,
    );
  }
  const fair = rows.filter((r) => !r.name.includes('camouflage'));
  const means = fair.map((r) => r.mean);
  console.log(
    `\nclips without camouflage: mean of means ${(means.reduce((a, b) => a + b, 0) / means.length).toFixed(3)}, lowest mean ${Math.min(...means).toFixed(3)}, ` +
      `lowest frame ${Math.min(...fair.map((r) => r.min)).toFixed(3)}; one DIS flow at 320x240: ${flowMs.toFixed(0)} ms (median of 5)`,
  );
  await mkdir(dirname(values.strip), { recursive: true });
  await writeImage(values.strip, outlineStrip(strips, 5));
  console.log(`strip: ${values.strip} (rows: clips; red: tracked, green: true outline)`);
}

interface Photo {
  readonly name: string;
  readonly image: Image;
}

async function loadPhotos(): Promise<Photo[]> {
  const photos: Photo[] = [{ name: 'meadow', image: await readImage('samples/meadow.jpg') }];
  for await (const frame of readFrames('samples/pan.mp4')) {
    photos.push({ name: 'pan', image: frame });
    break;
  }
  for (const path of optionalPhotos.filter((p) => existsSync(p))) {
    const image = await readImage(path);
    const size = fitWithin(image.width, image.height, 480);
    photos.push({ name: path.split('/').pop()!.replace(/\.\w+$/, ''), image: shrinkImage(image, size.width, size.height) });
  }
  return photos;
}

/**
 * Six clips, each object's surface unlike its background (another photo, the same photo with its
 * colour channels swapped, or stripes), different outlines, paths and changes of size, one
 * tracked backward from its last frame; and a seventh where the object wears the background's own
 * texture (camouflage: the meadow and the pan clip show the same hillside), the hard case.
 */
function clipPlans(photos: readonly Photo[], frames: number): { name: string; options: MovingObjectClipOptions; key: number }[] {
  const byName = (name: string) => photos.find((p) => p.name === name) ?? photos[0];
  const meadow = byName('meadow'), pan = byName('pan'), other = photos.find((p) => p.name !== 'meadow' && p.name !== 'pan');
  const swapped = { name: 'meadow (BGR)', image: swapChannels(meadow.image) };
  const stripes = { name: 'stripes', image: stripedTexture(200, 200) };
  const plans = [
    { texture: other ?? stripes, background: meadow, lobes: 5, from: [80, 90, 30], to: [230, 140, 45], pan: [30, 10] },
    { texture: other ?? swapped, background: pan, lobes: 0, from: [240, 160, 50], to: [100, 90, 30], pan: [-20, 0] },
    { texture: meadow, background: other ?? pan, lobes: 3, from: [160, 60, 25], to: [170, 170, 40], pan: [10, 20] },
    { texture: stripes, background: meadow, lobes: 6, from: [70, 170, 35], to: [250, 70, 35], pan: [40, -10] },
    { texture: swapped, background: pan, lobes: 4, from: [100, 120, 45], to: [210, 110, 28], pan: [0, 0] },
    { texture: pan, background: other ?? stripes, lobes: 4, from: [230, 80, 28], to: [90, 160, 42], pan: [25, 15], backward: true },
    { texture: pan, background: meadow, lobes: 6, from: [70, 170, 35], to: [250, 70, 35], pan: [40, -10], camouflage: true },
  ];
  return plans.map((plan, i) => {
    const pose = ([x, y, radius]: number[]) => ({ x, y, radius });
    const scale = (plan.to[2] / plan.from[2]).toFixed(2);
    return {
      name: `${i + 1} ${plan.texture.name} on ${plan.background.name} x${scale}${plan.camouflage ? ' (camouflage)' : ''}`,
      key: plan.backward ? frames - 1 : 0,
      options: {
        width: 320,
        height: 240,
        frames,
        background: plan.background.image,
        texture: plan.texture.image,
        lobes: plan.lobes,
        pan: { dx: plan.pan[0], dy: plan.pan[1] },
        from: pose(plan.from),
        to: pose(plan.to),
      },
    };
  });
}

function swapChannels(image: Image): Image {
  const rgb = new Uint8Array(image.rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = image.rgb[i + 2];
    rgb[i + 1] = image.rgb[i + 1];
    rgb[i + 2] = image.rgb[i];
  }
  return createImage(image.width, image.height, rgb);
}

/** Diagonal stripes in three colours with a fine grain, so that the flow has texture to follow. */
function stripedTexture(width: number, height: number): Image {
  const colours = [[200, 40, 60], [240, 200, 60], [40, 60, 160]];
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = colours[Math.floor((x + y) / 14) % 3];
      const grain = ((x * 7919 + y * 104729) % 23) - 11;
      for (let c = 0; c < 3; c++) rgb[3 * (y * width + x) + c] = Math.max(0, Math.min(255, colour[c] + grain));
    }
  }
  return createImage(width, height, rgb);
}

/** Median time of one DIS flow between two frames of the first clip, on this thread. */
function referenceFlowMs(options: MovingObjectClipOptions): number {
  const clip = movingObjectClip({ ...options, frames: 2 });
  const a = toGray(clip.frames[0]), b = toGray(clip.frames[1]);
  disFlow(a, b);
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    disFlow(a, b);
    times.push(performance.now() - started);
  }
  return times.sort((x, y) => x - y)[2];
}

await main();
