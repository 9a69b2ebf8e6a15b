import type { GrayPlane } from '../../../src/classical/flow/gray-pyramid.js';

/** A smooth random texture: a sum of seeded sinusoids, defined at any real (x, y). */
export function textureAt(seed: number): (x: number, y: number) => number {
  let state = seed >>> 0 || 1;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const waves = Array.from({ length: 12 }, () => ({
    fx: (random() - 0.5) * 0.5,
    fy: (random() - 0.5) * 0.5,
    phase: random() * 2 * Math.PI,
    amplitude: 8 + random() * 14,
  }));
  return (x, y) => 128 + waves.reduce((sum, w) => sum + w.amplitude * Math.sin(w.fx * x + w.fy * y + w.phase), 0);
}

/** Samples `texture` through `map`: pixel (x, y) shows the texture at map(x, y). */
export function renderPlane(width: number, height: number, texture: (x: number, y: number) => number, map: (x: number, y: number) => [number, number] = (x, y) => [x, y]): GrayPlane {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = map(x, y);
      data[y * width + x] = texture(sx, sy);
    }
  }
  return { width, height, data };
}
