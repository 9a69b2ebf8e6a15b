import type { Level } from './pyramid.js';

/**
 * A nearest-neighbour field over the patches of one pyramid level (Barnes et al. 2009).
 *
 * Patches are named by their centre pixel index; a centre is valid when the whole patch lies in
 * the image. A valid centre is either a *target* (its patch touches the hole, so it needs a match)
 * or a *source* (its patch is all known, so it can be copied from).
 */
export class PatchField {
  readonly radius: number;
  /** Centre index of each target patch. */
  readonly targets: Int32Array;
  /** Per pixel: index into `targets`, or -1. */
  readonly targetIndex: Int32Array;
  /** Per pixel: 1 when it is the centre of a source patch. */
  readonly isSource: Uint8Array;
  readonly sourceCount: number;
  /** Per target: centre index of its matched source patch, and the patch distance. */
  readonly match: Int32Array;
  readonly distance: Float32Array;
  private rngState: number;

  constructor(readonly level: Level, patchSize: number, seed: number) {
    const { width, height, hole } = level;
    const r = (this.radius = patchSize >> 1);
    const nearHole = dilateSquare(hole, width, height, r);
    const targets: number[] = [];
    this.targetIndex = new Int32Array(width * height).fill(-1);
    this.isSource = new Uint8Array(width * height);
    let sources = 0;
    for (let y = r; y < height - r; y++) {
      for (let x = r; x < width - r; x++) {
        const i = y * width + x;
        if (nearHole[i]) {
          this.targetIndex[i] = targets.length;
          targets.push(i);
        } else {
          this.isSource[i] = 1;
          sources++;
        }
      }
    }
    this.targets = Int32Array.from(targets);
    this.sourceCount = sources;
    this.match = new Int32Array(targets.length);
    this.distance = new Float32Array(targets.length);
    this.rngState = (seed ^ 0x9e3779b9) >>> 0 || 1;
  }

  /** Every target matched to a source picked uniformly at random. */
  randomize(): void {
    const sources = new Int32Array(this.sourceCount);
    for (let i = 0, n = 0; i < this.isSource.length; i++) if (this.isSource[i]) sources[n++] = i;
    for (let k = 0; k < this.targets.length; k++) {
      this.match[k] = sources[this.randomBelow(sources.length)];
    }
  }

  /**
   * Initialises from the field of the level below (half resolution): each target takes the coarse
   * match of its coarse pixel, scaled up, or a random source where that is not usable here.
   */
  upsampleFrom(coarse: PatchField): void {
    const { width, height } = this.level;
    const cw = coarse.level.width, ch = coarse.level.height;
    const r = this.radius;
    for (let k = 0; k < this.targets.length; k++) {
      const t = this.targets[k];
      const x = t % width, y = (t - x) / width;
      const cx = Math.min(x >> 1, cw - 1), cy = Math.min(y >> 1, ch - 1);
      const ck = coarse.targetIndex[cy * cw + cx];
      let m = -1;
      if (ck >= 0) {
        const cm = coarse.match[ck];
        const mx = clamp(2 * (cm % cw) + (x & 1), r, width - r - 1);
        const my = clamp(2 * Math.floor(cm / cw) + (y & 1), r, height - r - 1);
        m = my * width + mx;
      }
      this.match[k] = m >= 0 && this.isSource[m] ? m : this.randomSourceNear(x, y);
    }
  }

  /** Recomputes every target's distance against the level's current pixels. */
  refreshDistances(): void {
    for (let k = 0; k < this.targets.length; k++) {
      this.distance[k] = this.patchDistance(this.targets[k], this.match[k], Infinity);
    }
  }

  /**
   * One PatchMatch pass: propagation from the two already-visited neighbours, then random search
   * around the best match at exponentially shrinking radii, starting at `searchRadius` (the
   * whole level by default). Passes alternate scan direction.
   */
  search(reverse: boolean, searchRadius = Infinity): void {
    const { width, height } = this.level;
    const r = this.radius;
    const n = this.targets.length;
    const maxRadius = Math.min(searchRadius, Math.max(width, height));
    for (let j = 0; j < n; j++) {
      const k = reverse ? n - 1 - j : j;
      const t = this.targets[k];
      let best = this.match[k];
      let bestD = this.distance[k];

      for (const offset of reverse ? [1, width] : [-1, -width]) {
        const kn = this.targetIndex[t + offset];
        if (kn === undefined || kn < 0) continue;
        const cand = this.match[kn] - offset;
        if (cand === best || !this.isSource[cand]) continue;
        const d = this.patchDistance(t, cand, bestD);
        if (d < bestD) { bestD = d; best = cand; }
      }

      const bx = best % width, by = (best - bx) / width;
      for (let radius = maxRadius; radius >= 1; radius >>= 1) {
        const x = clamp(bx + this.randomBelow(2 * radius + 1) - radius, r, width - r - 1);
        const y = clamp(by + this.randomBelow(2 * radius + 1) - radius, r, height - r - 1);
        const cand = y * width + x;
        if (cand === best || !this.isSource[cand]) continue;
        const d = this.patchDistance(t, cand, bestD);
        if (d < bestD) { bestD = d; best = cand; }
      }
      this.match[k] = best;
      this.distance[k] = bestD;
    }
  }

  /** Sum of squared differences between two patches, abandoned once it reaches `limit`. */
  patchDistance(a: number, b: number, limit: number): number {
    const { data, width, channels } = this.level;
    const r = this.radius;
    const rowLength = (2 * r + 1) * channels;
    let d = 0;
    for (let dy = -r; dy <= r; dy++) {
      const pa = (a + dy * width - r) * channels;
      const pb = (b + dy * width - r) * channels;
      for (let i = 0; i < rowLength; i++) {
        const e = data[pa + i] - data[pb + i];
        d += e * e;
      }
      if (d >= limit) return d;
    }
    return d;
  }

  /** A random source close to (x, y) when there is one within a few tries, else anywhere. */
  private randomSourceNear(x: number, y: number): number {
    const { width, height } = this.level;
    const r = this.radius;
    for (let radius = 8; radius <= 4 * Math.max(width, height); radius *= 2) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const cx = clamp(x + this.randomBelow(2 * radius + 1) - radius, r, width - r - 1);
        const cy = clamp(y + this.randomBelow(2 * radius + 1) - radius, r, height - r - 1);
        if (this.isSource[cy * width + cx]) return cy * width + cx;
      }
    }
    for (let i = 0; i < this.isSource.length; i++) if (this.isSource[i]) return i;
    throw new Error('patch field has no source patch');
  }

  /** xorshift32: the search draws millions of numbers, so the generator lives inline. */
  private randomBelow(n: number): number {
    let s = this.rngState;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.rngState = s >>> 0;
    return this.rngState % n;
  }
}

/**
 * Whether any patch of side `patchSize` lies wholly inside the image and outside the hole: the
 * question of `new PatchField(...).sourceCount > 0`, answered without building the field (a
 * summed-area table of the hole, stopping at the first clean patch).
 */
export function hasSourcePatch(hole: Uint8Array, width: number, height: number, patchSize: number): boolean {
  if (width < patchSize || height < patchSize) return false;
  const stride = width + 1;
  const sums = new Int32Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += hole[y * width + x];
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
    }
    const y1 = y + 1, y0 = y1 - patchSize;
    if (y0 < 0) continue;
    for (let x0 = 0; x0 + patchSize <= width; x0++) {
      const x1 = x0 + patchSize;
      if (sums[y1 * stride + x1] - sums[y0 * stride + x1] - sums[y1 * stride + x0] + sums[y0 * stride + x0] === 0) return true;
    }
  }
  return false;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Pixels within chessboard distance `r` of a hole pixel (separable max filter). */
function dilateSquare(hole: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(hole.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (hole[y * width + x]) fillRow(rows, y * width, x - r, x + r, width);
  }
  const out = new Uint8Array(hole.length);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (!rows[y * width + x]) continue;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) out[yy * width + x] = 1;
    }
  }
  return out;
}

function fillRow(out: Uint8Array, row: number, x0: number, x1: number, width: number): void {
  for (let x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) out[row + x] = 1;
}
