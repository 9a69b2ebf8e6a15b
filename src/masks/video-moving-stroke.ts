import type { Rng } from './random.js';
import type { Stroke } from './stroke.js';

// Shape and motion, relative to the frame's shorter side (`side`), after the object-like setting
// of Chang et al.'s generator scaled from their 320x180 frames, but slower and smoother so that
// consecutive masks overlap: a stroke drifts 0.2% to 3% of the side a frame.
const minVertices = 4;
const maxVertices = 12;
/** Longest step between two control points. */
const maxStep = 0.08;
/** Change of the drawing head's step length and heading at each control point (uniform ±). */
const stepChange = 0.04;
const headingChange = 0.8;
const minBrushWidth = 0.05;
const maxBrushWidth = 0.12;
/** Speed of the whole stroke, per frame. */
const minSpeed = 0.002;
const maxSpeed = 0.03;
/** Spread (standard deviation) of the per-frame change of the stroke's speed and direction. */
const speedJitter = 0.003;
const directionJitter = 0.15;
/** Each frame this share of the control points moves by up to this much in x and in y. */
const movingPointShare = 0.5;
const maxPointMove = 0.012;
/**
 * Share of a control point's displacement from its original place kept each frame. Chang et al.'s
 * points random-walk without bound; the pull back keeps a stroke recognisable in a long clip while
 * it still wobbles from frame to frame.
 */
const displacementKept = 0.9;

/**
 * A brush stroke that moves and deforms over a clip, in the manner of the mask generator of
 * Chang et al., "Free-form Video Inpainting with 3D Gated Convolution and Temporal PatchGAN"
 * (ICCV 2019): the stroke is a polyline of control points drawn once by a head whose step length
 * and heading change randomly at each point; from frame to frame the whole stroke travels with a
 * velocity that is itself randomly accelerated, and about half its control points are nudged.
 * Unlike theirs, a stroke bounces off the frame's edges instead of leaving it, and its nudged
 * points are pulled back towards their original places.
 */
export class MovingStroke {
  /** Where the stroke's control points are now, interleaved x, y. */
  readonly points: Float64Array;
  /** Brush width in pixels at scale 1. */
  readonly baseWidth: number;
  /** The control points' places relative to the stroke's travel, and their nudges from there. */
  private readonly rest: Float64Array;
  private readonly displacement: Float64Array;
  private originX = 0;
  private originY = 0;
  private speed: number;
  private direction: number;

  /** A new stroke anywhere in a `width` x `height` frame; `size` scales its steps and brush. */
  constructor(
    private readonly rng: Rng,
    private readonly width: number,
    private readonly height: number,
    size = 1,
  ) {
    const side = Math.min(width, height);
    const vertices = rng.int(minVertices, maxVertices);
    this.rest = new Float64Array((vertices + 1) * 2);
    let x = rng.uniform(0, width), y = rng.uniform(0, height);
    let step = rng.uniform(0, maxStep * side * size);
    let heading = rng.uniform(0, 2 * Math.PI);
    this.rest[0] = x;
    this.rest[1] = y;
    for (let v = 1; v <= vertices; v++) {
      step = clamp(step + rng.uniform(-1, 1) * stepChange * side * size, 0, maxStep * side * size);
      heading += rng.uniform(-headingChange, headingChange);
      x = reflectInto(x + Math.cos(heading) * step, width);
      y = reflectInto(y + Math.sin(heading) * step, height);
      this.rest[v * 2] = x;
      this.rest[v * 2 + 1] = y;
    }
    this.baseWidth = rng.uniform(minBrushWidth, maxBrushWidth) * side * size;
    this.speed = rng.uniform(minSpeed, maxSpeed * 0.8) * side;
    this.direction = rng.uniform(0, 2 * Math.PI);
    this.displacement = new Float64Array(this.rest.length);
    this.points = this.rest.slice();
  }

  /** The stroke as drawn with its brush `scale` times its base width (at least 1 pixel). */
  stroke(scale: number): Stroke {
    return { points: this.points, width: Math.max(1, this.baseWidth * scale) };
  }

  /** Moves the stroke on to the next frame: travel, bounce off the edges, accelerate, deform. */
  advance(): void {
    const { rng, width, height } = this;
    const side = Math.min(width, height);
    this.originX += Math.cos(this.direction) * this.speed;
    this.originY += Math.sin(this.direction) * this.speed;
    this.bounce();
    this.speed = clamp(this.speed + gaussian(rng) * speedJitter * side, minSpeed * side, maxSpeed * side);
    this.direction += gaussian(rng) * directionJitter;

    const count = this.rest.length / 2;
    const moving = Math.floor(count * movingPointShare);
    for (const k of pickIndices(rng, count, moving)) {
      this.displacement[k * 2] += rng.uniform(-1, 1) * maxPointMove * side;
      this.displacement[k * 2 + 1] += rng.uniform(-1, 1) * maxPointMove * side;
    }
    for (let i = 0; i < this.displacement.length; i++) this.displacement[i] *= displacementKept;
    this.place();
  }

  /** Keeps the centre of the control points inside the frame: a stroke that would leave turns back. */
  private bounce(): void {
    const count = this.rest.length / 2;
    let cx = 0, cy = 0;
    for (let k = 0; k < count; k++) {
      cx += this.rest[k * 2] + this.displacement[k * 2];
      cy += this.rest[k * 2 + 1] + this.displacement[k * 2 + 1];
    }
    cx = cx / count + this.originX;
    cy = cy / count + this.originY;
    let dx = Math.cos(this.direction), dy = Math.sin(this.direction);
    if (cx < 0 || cx > this.width) {
      this.originX += (cx < 0 ? -2 * cx : 2 * (this.width - cx));
      dx = -dx;
    }
    if (cy < 0 || cy > this.height) {
      this.originY += (cy < 0 ? -2 * cy : 2 * (this.height - cy));
      dy = -dy;
    }
    this.direction = Math.atan2(dy, dx);
  }

  private place(): void {
    for (let k = 0; k < this.points.length; k += 2) {
      this.points[k] = this.originX + this.rest[k] + this.displacement[k];
      this.points[k + 1] = this.originY + this.rest[k + 1] + this.displacement[k + 1];
    }
  }
}

/** `n` distinct indices below `count`, in random order (a partial Fisher-Yates shuffle). */
function pickIndices(rng: Rng, count: number, n: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, count - 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, n);
}

/** A standard normal draw (Box-Muller), from the seeded sequence. */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Mirrors a coordinate that stepped outside [0, size] back in, rather than smearing it along the edge. */
function reflectInto(v: number, size: number): number {
  if (v < 0) return Math.min(-v, size);
  if (v > size) return Math.max(2 * size - v, 0);
  return v;
}
