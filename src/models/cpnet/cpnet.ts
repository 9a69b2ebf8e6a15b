/**
 * Copy-and-paste networks (Lee, Oh, Won, Kim, ICCV 2019; shleecs/Copy-and-Paste-Networks-for-
 * Deep-Video-Inpainting, models/CPNet_model.py `CPNet`) with the official parameter names, so the
 * released `weight.pth` (saved from nn.DataParallel; the reader drops `module.`) loads as it is.
 *
 * `encode` is the official `encoding` for one frame (the alignment features the loop keeps per
 * frame); `inpaint` the official `inpainting`: each reference aligned onto the target by the
 * regressed affine matrix, its value features copied by context matching, the paste network's
 * output composited into the hole.
 */
import { cat, F, nn, tensor, type Tensor } from '../../torch/index.js';
import { AlignmentEncoder, AlignmentRegressor } from './alignment.js';
import { contextMatching } from './context-matching.js';
import { CopyEncoder, PasteDecoder } from './copy-paste.js';

/**
 * `affine_grid` and `grid_sample` as torch 0.4, which the weights were trained with, computed them
 * (torch 1.3 changed the default to false; the official code passes nothing).
 */
const alignCorners = true;

export const officialWidth = 64;

/** The references of one target: their alignment features, frames [1,3,H,W] in [0,1] and holes [1,1,H,W] (1 = hole). */
export interface CPNetReferences {
  readonly features: readonly Tensor[];
  readonly frames: readonly Tensor[];
  readonly holes: readonly Tensor[];
}

export class CPNet extends nn.Module<[CPNetReferences, Tensor, Tensor, Tensor], Tensor> {
  readonly A_Encoder: AlignmentEncoder;
  readonly A_Regressor: AlignmentRegressor;
  readonly Encoder: CopyEncoder;
  readonly Decoder: PasteDecoder;

  /**
   * @param width the first layer's channels, 64 in the official network (every layer's channels
   * are multiples of it); a smaller one makes a small network for tests.
   */
  constructor(width = officialWidth) {
    super();
    this.registerBuffer('mean', tensor([0.485, 0.456, 0.406], [1, 3, 1, 1]));
    this.registerBuffer('mean3d', tensor([0.485, 0.456, 0.406], [1, 3, 1, 1, 1]));
    this.A_Encoder = this.registerModule('A_Encoder', new AlignmentEncoder(width));
    this.A_Regressor = this.registerModule('A_Regressor', new AlignmentRegressor(width));
    this.Encoder = this.registerModule('Encoder', new CopyEncoder(width));
    this.Decoder = this.registerModule('Decoder', new PasteDecoder(width));
  }

  /** The alignment features [B,256,28,28] of a frame [B,3,H,W] and its hole [B,1,H,W] (`encoding`, one frame). */
  encode(frame: Tensor, hole: Tensor): Tensor {
    const [padded, paddedHole] = padToMultipleOf8([frame, hole]);
    return this.A_Encoder.call(padded, paddedHole);
  }

  /** The official `inpainting`: the target frame [1,3,H,W] filled in its hole from the references, composited over gt and clamped to [0,1]. */
  forward(references: CPNetReferences, frame: Tensor, hole: Tensor, gt: Tensor): Tensor {
    const [height, width] = frame.shape.slice(2);
    const pads = eightPads(height, width);
    const pad = (t: Tensor) => (pads.some((p) => p > 0) ? F.pad(t, pads) : t);
    const padded: CPNetReferences = { features: references.features, frames: references.frames.map(pad), holes: references.holes.map(pad) };
    const { composite } = this.fill(padded, pad(frame), pad(hole), pad(gt));
    const [left, , top] = pads;
    return composite.narrow(2, top, height).narrow(3, left, width).clamp(0, 1);
  }

  /**
   * The steps of `inpainting` for one target whose sides are multiples of 8 (forward pads to
   * them), with what training needs of them: the aligned references and where they see, the
   * paste network's output and the copy mask. Nothing is clamped.
   */
  fill(references: CPNetReferences, frame: Tensor, hole: Tensor, gt: Tensor): CPNetFill {
    const targetFeatures = this.A_Encoder.call(frame, hole);
    // The references go through as one batch (the official code loops over them; the arithmetic is per sample either way).
    const count = references.features.length;
    const theta = this.A_Regressor.call(targetFeatures.expand(count, ...targetFeatures.shape.slice(1)), cat([...references.features], 0));
    const grid = F.affineGrid(theta, [count, ...frame.shape.slice(1)], { alignCorners });
    const alignedFrames = F.gridSample(cat([...references.frames], 0), grid, { alignCorners });
    const alignedVisible = F.gridSample(cat([...references.holes], 0).neg().add(1), grid, { alignCorners }).gt(0.5).to({ dtype: 'float32' });
    const values = this.Encoder.call(alignedFrames, alignedVisible);
    const targetValues = this.Encoder.call(frame, hole);
    const pasteInput = contextMatching(targetValues, values, hole.neg().add(1), alignedVisible);
    const predicted = this.Decoder.call(pasteInput);
    const composite = predicted.mul(hole).add(gt.mul(hole.neg().add(1)));
    const copyMask = pasteInput.narrow(1, pasteInput.shape[1] - 1, 1);
    return { theta, alignedFrames, alignedVisible, predicted, composite, copyMask };
  }
}

/** One target's fill and its parts (`fill`); R references. */
export interface CPNetFill {
  /** [R,2,3] the affine matrices taking the target's coordinates to each reference's. */
  readonly theta: Tensor;
  /** [R,3,H,W] the references warped onto the target. */
  readonly alignedFrames: Tensor;
  /** [R,1,H,W] 1 where an aligned reference sees (its visibility warped, over 0.5). */
  readonly alignedVisible: Tensor;
  /** [1,3,H,W] the paste network's output. */
  readonly predicted: Tensor;
  /** [1,3,H,W] the output in the hole, gt elsewhere. */
  readonly composite: Tensor;
  /** [1,1,H/4,W/4] 1 where no reference saw (context matching's `c_mask`). */
  readonly copyMask: Tensor;
}

/** `pad_divide_by(..., 8)`'s zero padding (left, right, top, bottom) up to multiples of 8, the odd pixel after. */
function eightPads(height: number, width: number): [number, number, number, number] {
  const extra = (side: number) => (8 - (side % 8)) % 8;
  const [h, w] = [extra(height), extra(width)];
  return [Math.floor(w / 2), w - Math.floor(w / 2), Math.floor(h / 2), h - Math.floor(h / 2)];
}

function padToMultipleOf8(tensors: Tensor[]): Tensor[] {
  const [height, width] = tensors[0].shape.slice(2);
  const pads = eightPads(height, width);
  return pads.some((p) => p > 0) ? tensors.map((t) => F.pad(t, pads)) : tensors;
}
