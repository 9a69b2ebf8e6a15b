/**
 * Contextual attention (Yu et al. 2018, "Generative Image Inpainting with Contextual Attention",
 * DeepFill v1), as the official DeepFill v2 model uses it (ksize 3, stride 1, rate 2, no fusion,
 * softmax scale 10): every position of the (downsampled) features is matched by cosine similarity
 * against 3x3 patches of the known region, and the hole is rebuilt from the matching 4x4 patches
 * of the full-resolution features, weighted by a softmax over the matches.
 *
 * Follows the port's computation step for step (nipponjo/deepfillv2-pytorch, networks_tf.py), so
 * that the official weights behave as trained. One difference: each sample of a batch uses its own
 * mask (the port uses the first sample's for all); with one mask for the batch they agree.
 */
import { cat, F, nn, tidy, type Tensor } from '../../torch/index.js';
import { tfNearestDownsample } from './tf-nearest-downsample.js';
import { tfSamePad } from './tf-same-padding.js';

export interface ContextualAttentionOptions {
  /** Matching patch size. @default 3 */
  ksize?: number;
  /** @default 1 */
  stride?: number;
  /** Features are matched at 1/rate resolution; pasted patches are 2*rate wide. @default 2 */
  rate?: number;
  /** Sharpness of the softmax over matches. @default 10 */
  softmaxScale?: number;
  /** How many times the mask is larger than the features (the encoder's downsamplings). @default 2 */
  nDown?: number;
}

export class ContextualAttention extends nn.Module<[Tensor, Tensor, Tensor], Tensor> {
  readonly ksize: number;
  readonly stride: number;
  readonly rate: number;
  readonly softmaxScale: number;
  readonly nDown: number;

  constructor(options: ContextualAttentionOptions = {}) {
    super();
    this.ksize = options.ksize ?? 3;
    this.stride = options.stride ?? 1;
    this.rate = options.rate ?? 2;
    this.softmaxScale = options.softmaxScale ?? 10;
    this.nDown = options.nDown ?? 2;
  }

  /**
   * foreground, background: [N,C,H,W] features (the model passes the same tensor twice);
   * mask: [N or 1, 1, H * 2^nDown, W * 2^nDown], 1 = hole. Returns [N,C,H,W].
   */
  forward(foreground: Tensor, background: Tensor, mask: Tensor): Tensor {
    // tidy frees the patches and scores now (autograd keeps what backward needs).
    return tidy(() => this.#attend(foreground, background, mask));
  }

  #attend(foreground: Tensor, background: Tensor, mask: Tensor): Tensor {
    const [batch, channels, height, width] = background.shape;
    const raw = this.rate * 2;
    // Full-resolution patches to paste: [N, L, C, raw, raw].
    const rawPatches = patches(background, raw, this.rate * this.stride).view(batch, channels, raw, raw, -1).permute(0, 4, 1, 2, 3);
    const f = tfNearestDownsample(foreground, this.rate);
    const b = tfNearestDownsample(background, this.rate);
    const [, , bHeight, bWidth] = b.shape;
    const matchPatches = patches(b, this.ksize, this.stride).view(batch, channels, this.ksize, this.ksize, -1).permute(0, 4, 1, 2, 3);
    const smallMask = tfNearestDownsample(mask, 2 ** this.nDown * this.rate);
    // 1 for a background patch with no hole pixel in it (usable), else 0: [M, L, 1, 1].
    const maskPatches = patches(smallMask, this.ksize, this.stride).view(smallMask.shape[0], 1, this.ksize * this.ksize, -1);
    const usable = maskPatches.mean([1, 2]).eq(0).to({ dtype: 'float32' }).view(smallMask.shape[0], -1, 1, 1);
    const fs = f.split(1, 0);
    const outputs: Tensor[] = [];
    for (let i = 0; i < batch; i++) {
      const w = matchPatches.narrow(0, i, 1).squeeze(0);
      const norms = w.pow(2).sum([1, 2, 3], true).sqrt().clamp(1e-4);
      const scores = F.conv2d(tfSamePad(fs[i], this.ksize, 1, 1), w.div(norms)).view(1, bHeight * bWidth, f.shape[2], f.shape[3]);
      const m = usable.narrow(0, usable.shape[0] === 1 ? 0 : i, 1);
      const attention = scores.mul(m).mul(this.softmaxScale).softmax(1).mul(m);
      const pasted = F.convTranspose2d(attention, rawPatches.narrow(0, i, 1).squeeze(0), null, { stride: this.rate, padding: 1 });
      outputs.push(pasted.div(4));
    }
    return (batch === 1 ? outputs[0] : cat(outputs, 0)).contiguous().view(batch, channels, height, width);
  }
}

/** Sliding k x k patches with SAME padding: [N, C*k*k, L]. */
function patches(x: Tensor, kernel: number, stride: number): Tensor {
  return F.unfold(tfSamePad(x, kernel, stride, 1), kernel, { stride });
}
