/**
 * Click-to-select bench: objects composited over photos at about 1 megapixel (1160x870), the
 * true mask known, selected from one click on the object and from three; and a real object of a
 * real photo (the red ball of samples/pan.mp4, its outline drawn by hand as a circle). Prints the
 * IoU with the true mask and the median time per click, against one DIS flow at 320x240 measured
 * in the same run (wall clock; the CPU time of the call beside it, less disturbed by other work). See bench/README.md.
 *
 *   node dist/bench/select-object.js [--repeats 3]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { disFlow } from '../src/classical/flow/dis-flow.js';
import { toGray } from '../src/classical/flow/gray-pyramid.js';
import { createMask, type Image, type Mask } from '../src/core/image.js';
import { readImage } from '../src/io/read-image.js';
import { readFrames } from '../src/io/video/read-frames.js';
import { selectObject, type Point } from '../src/segmentation/select-object.js';
import { maskIoU, movingObjectClip, swapRedBlue } from './moving-object-clip.js';

interface Case {
  readonly name: string;
  readonly image: Image;
  readonly truth: Mask;
  readonly clicks: readonly Point[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
  const repeats = Number(values.repeats);
  const cases = await benchCases();
  console.log('case                                    size       clicks  IoU    median ms per click (wall, CPU)');
  const times: number[] = [], cpuTimes: number[] = [];
  for (const c of cases) {
    for (const clicks of [c.clicks.slice(0, 1), c.clicks]) {
      let mask: Mask | undefined;
      const runs: number[] = [], cpuRuns: number[] = [];
      for (let k = 0; k < repeats; k++) {
        const started = performance.now(), cpu = process.cpuUsage();
        mask = selectObject(c.image, { include: clicks });
        runs.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuRuns.push((used.user + used.system) / 1000);
      }
      const ms = median(runs), cpuMs = median(cpuRuns);
      if (c.image.width * c.image.height >= 1e6) {
        times.push(ms);
        cpuTimes.push(cpuMs);
      }
      console.log(
        `${c.name.padEnd(38)} ${`${c.image.width}x${c.image.height}`.padEnd(10)} ${String(clicks.length).padStart(6)}  ${maskIoU(mask!, c.truth).toFixed(3)}  ${ms.toFixed(0).padStart(8)} ${cpuMs.toFixed(0).padStart(6)}`,
      );
    }
  }
  const flowMs = referenceFlowMs(cases[0].image);
  const perClick = median(times);
  console.log(`\nat 1 megapixel: median ${perClick.toFixed(0)} ms per click (CPU ${median(cpuTimes).toFixed(0)} ms); one DIS flow at 320x240 ${flowMs.toFixed(0)} ms in this run (ratio ${(perClick / flowMs).toFixed(2)})`);
}

async function benchCases(): Promise<Case[]> {
  const meadow = await readImage('samples/meadow.jpg');
  let pan: Image | undefined;
  for await (const frame of readFrames('samples/pan.mp4')) {
    pan = frame;
    break;
  }
  const hopperPath = '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg';
  const hopper = existsSync(hopperPath) ? await readImage(hopperPath) : swapRedBlue(meadow);
  const width = 1160, height = 870;
  const plans = [
    { name: 'face on meadow', background: meadow, texture: hopper, lobes: 5, at: [500, 420], radius: 180 },
    { name: 'hillside (BGR) on portrait', background: hopper, texture: swapRedBlue(meadow), lobes: 0, at: [640, 500], radius: 220 },
    { name: 'hillside on portrait', background: hopper, texture: meadow, lobes: 3, at: [380, 600], radius: 150 },
    { name: 'face on hillside', background: pan!, texture: hopper, lobes: 6, at: [760, 380], radius: 140 },
    { name: 'small face on meadow', background: meadow, texture: hopper, lobes: 4, at: [300, 300], radius: 70 },
  ];
  const cases: Case[] = plans.map((plan) => {
    const pose = { x: plan.at[0], y: plan.at[1], radius: plan.radius };
    const clip = movingObjectClip({ width, height, frames: 1, background: plan.background, texture: plan.texture, lobes: plan.lobes, pan: { dx: 0, dy: 0 }, from: pose, to: pose });
    const r = plan.radius * 0.4;
    const clicks = [{ x: plan.at[0], y: plan.at[1] }, { x: plan.at[0] - r, y: plan.at[1] + r * 0.3 }, { x: plan.at[0] + r * 0.5, y: plan.at[1] - r }];
    return { name: `${plan.name} (${plan.lobes ? `${plan.lobes} lobes` : 'ellipse'})`, image: clip.frames[0], truth: clip.masks[0], clicks };
  });
  // A real object: the red ball of the pan clip's first frame, outline drawn by hand as a circle.
  const ball = { x: 40.5, y: 150.5, radius: 12.5 };
  const truth = createMask(pan!.width, pan!.height);
  for (let y = 0; y < pan!.height; y++) for (let x = 0; x < pan!.width; x++) truth.data[y * pan!.width + x] = Math.hypot(x + 0.5 - ball.x, y + 0.5 - ball.y) <= ball.radius ? 1 : 0;
  cases.push({ name: 'red ball in pan.mp4 (hand-drawn circle)', image: pan!, truth, clicks: [{ x: 40, y: 150 }, { x: 35, y: 146 }, { x: 45, y: 155 }] });
  return cases;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of 5 DIS flows between the image shrunk to 320x240 and itself shifted by a pixel. */
function referenceFlowMs(image: Image): number {
  const small = { width: 320, height: 240, data: new Float32Array(320 * 240) };
  const gray = toGray(image);
  for (let y = 0; y < 240; y++) for (let x = 0; x < 320; x++) small.data[y * 320 + x] = gray.data[Math.floor((y * image.height) / 240) * image.width + Math.floor((x * image.width) / 320)];
  const shifted = { ...small, data: new Float32Array(small.data.length) };
  for (let i = 1; i < small.data.length; i++) shifted.data[i] = small.data[i - 1];
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    disFlow(small, shifted);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

await main();
