/**
 * torchvision's ImageNet VGG weights, which the perceptual and style losses need: the official
 * file names (`vgg16-397923af.pth`, `vgg19-dcbb9e9d.pth`; the hex is the start of the file's
 * SHA-256, which torchvision checks and so do we) and where torchvision publishes them. Nothing
 * is downloaded: the user puts the file in the weights folder (src/weights/weights-folder.ts:
 * `--weights-dir`, `INPAINT_WEIGHTS`, the per-user cache). torchvision's files are in PyTorch's
 * legacy (pre-1.6) format, which readCheckpoint reads like the zip format and safetensors.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../core/errors.js';
import { findStateDict, readCheckpoint, type StateDict } from '../torch/index.js';
import { VggFeatures, type VggDepth } from './vgg.js';

export interface VggRelease {
  file: string;
  url: string;
}

export const VGG_RELEASES: Record<VggDepth, VggRelease> = {
  16: { file: 'vgg16-397923af.pth', url: 'https://download.pytorch.org/models/vgg16-397923af.pth' },
  19: { file: 'vgg19-dcbb9e9d.pth', url: 'https://download.pytorch.org/models/vgg19-dcbb9e9d.pth' },
};

/** Where the weights folder keeps torchvision's file for that depth (found by its official name). */
export function vggWeightsPath(weightsDir: string, depth: VggDepth): string {
  return join(weightsDir, VGG_RELEASES[depth].file);
}

/**
 * A VGG feature extractor with the file's weights: torchvision's whole-model state dict (features
 * and classifier; its .pth, or a .safetensors of the same keys), of which the layers the taps need
 * are loaded; anything else about the file
 * (another architecture, missing layers, wrong shapes) is an error naming it. checkHash compares
 * the file's SHA-256 with the prefix in torchvision's file name (when the name carries one).
 */
export async function loadVggFeatures(
  depth: VggDepth,
  taps: readonly string[],
  path: string,
  options: { checkHash?: boolean } = {},
): Promise<VggFeatures> {
  if (options.checkHash ?? true) await checkTorchvisionHash(path);
  const stateDict = findStateDict(await readCheckpoint(path));
  const model = new VggFeatures(depth, taps);
  try {
    const wanted: StateDict = new Map();
    for (const key of model.stateDict().keys()) {
      const value = stateDict.get(key);
      if (value) wanted.set(key, value);
    }
    model.loadStateDict(wanted);
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    for (const value of stateDict.values()) value.dispose();
  }
}

/** torchvision's check: a file named like `name-<hex>.pth` must have a SHA-256 starting with <hex>. */
export async function checkTorchvisionHash(path: string): Promise<void> {
  const prefix = /-([0-9a-f]{6,})\.[^./]+$/.exec(path)?.[1];
  if (!prefix) return;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const digest = hash.digest('hex');
  if (!digest.startsWith(prefix)) {
    throw new InvalidInputError(path, `a file whose SHA-256 starts with ${prefix}, as its torchvision name says`,
      `SHA-256 ${digest} (a damaged or different file)`);
  }
}
