/** How a fill compares with an official one: PSNR over the hole, and known pixels that moved. */

/**
 * PSNR over the hole's pixels (all three channels) between `ours` and `official`, and how many
 * known pixels of `ours` differ from `input`. RGB bytes, interleaved; hole: one byte per pixel,
 * above 127 in the hole.
 */
export function compareFill(ours: Uint8Array, official: Uint8Array, input: Uint8Array, hole: Uint8Array): { psnr: number; knownChanged: number } {
  let squared = 0, count = 0, knownChanged = 0;
  for (let i = 0; i < hole.length; i++) {
    for (let c = 0; c < 3; c++) {
      const at = i * 3 + c;
      if (hole[i] > 127) {
        squared += (ours[at] - official[at]) ** 2;
        count++;
      } else if (ours[at] !== input[at]) {
        knownChanged++;
      }
    }
  }
  return { psnr: 10 * Math.log10((255 * 255) / (squared / count)), knownChanged };
}
