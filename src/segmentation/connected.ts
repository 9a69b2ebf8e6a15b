/**
 * Clears, in place, every object region (8-connected pixels of 1) of `labels` that holds none of
 * the `seeds` (pixel indices): what is selected is the object under the clicks, not every patch
 * of the same colour elsewhere.
 */
export function keepRegionsWith(labels: Uint8Array, width: number, height: number, seeds: readonly number[]): void {
  const kept = new Uint8Array(labels.length);
  const stack: number[] = [];
  for (const seed of seeds) {
    if (labels[seed] && !kept[seed]) {
      kept[seed] = 1;
      stack.push(seed);
    }
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width, y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      const ny = y + dy;
      if (ny < 0 || ny >= height) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        if (nx < 0 || nx >= width) continue;
        const j = ny * width + nx;
        if (labels[j] && !kept[j]) {
          kept[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  for (let i = 0; i < labels.length; i++) labels[i] = kept[i];
}
