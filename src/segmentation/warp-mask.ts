import { sampleBilinear, type FlowField } from '../classical/flow/flow-field.js';

/**
 * A soft mask (0..1) of one frame carried to the next by optical flow: each pixel of the next
 * frame reads the mask where `backward` (next -> previous) says it came from. Where `forward`
 * (previous -> next) does not bring it back within `tolerance` pixels (plus 5% of the motion),
 * the flow is wrong or the pixel was hidden: its belief is one half and it is marked doubtful.
 */
export function warpMask(
  mask: Float32Array,
  backward: FlowField,
  forward: FlowField,
  tolerance: number,
): { belief: Float32Array; doubtful: Uint8Array } {
  const { width: w, height: h } = backward;
  const belief = new Float32Array(w * h);
  const doubtful = new Uint8Array(w * h);
  const fu = new Float32Array(w * h), fv = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    fu[i] = forward.data[2 * i];
    fv[i] = forward.data[2 * i + 1];
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const u = backward.data[2 * i], v = backward.data[2 * i + 1];
      const sx = x + u, sy = y + v;
      const value = sampleBilinear(mask, w, h, sx, sy);
      const ex = u + sampleBilinear(fu, w, h, sx, sy), ey = v + sampleBilinear(fv, w, h, sx, sy);
      const allowed = tolerance * (1 + 0.05 * Math.hypot(u, v));
      const outside = sx < -0.5 || sy < -0.5 || sx > w - 0.5 || sy > h - 0.5;
      if (outside || ex * ex + ey * ey > allowed * allowed) {
        belief[i] = 0.5;
        doubtful[i] = 1;
      } else {
        belief[i] = value;
      }
    }
  }
  return { belief, doubtful };
}
