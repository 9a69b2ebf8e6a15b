/**
 * Runs one method once in a fresh process, so that its peak resident memory is its own:
 *
 *   node measure-in-child.js METHOD WIDTH HEIGHT RGB_FILE MASK_FILE
 *
 * The files hold raw bytes (RGB interleaved; mask 1 = hole), so no decoder weighs on the peak.
 * Prints one JSON line: the call's milliseconds and the peak RSS in MB before and after the call.
 */
import { readFile } from 'node:fs/promises';
import { createImage, createMask } from '../src/core/image.js';
import { inpaintImage } from '../src/pipeline/inpaint-image.js';

const [method, width, height, rgbPath, maskPath] = process.argv.slice(2);
const w = Number(width), h = Number(height);
const image = createImage(w, h, new Uint8Array(await readFile(rgbPath)));
const mask = createMask(w, h, new Uint8Array(await readFile(maskPath)));
const peakRssMB = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KB

const rssBeforeMB = peakRssMB();
const start = performance.now();
await inpaintImage(image, mask, { method });
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, rssBeforeMB, peakRssMB: peakRssMB() }));
