/**
 * What EdgeConnect's official test pipeline (src/dataset.py, `load_item`) computes from a photo
 * before its networks run: scikit-image's grey image, and Canny edges of it with sigma 2, found
 * only where the image is known (`canny(gray, sigma, mask=valid)`), both as float32 planes.
 */
import { canny } from '../../classical/canny/canny.js';
import { skimageGray } from '../../classical/canny/skimage-gray.js';
import { tensor, tensorToImage, type Tensor } from '../../torch/index.js';

/** The official configuration's SIGMA. */
export const edgeConnectSigma = 2;

/**
 * The grey image and its edges, [1,1,H,W] each, from pixels [1,3,H,W] in [0,1] (exact byte
 * values over 255, as the network's input is made) and the hole [1,1,H,W] (1 = hole).
 */
export function grayAndEdges(pixels: Tensor, hole: Tensor): { gray: Tensor; edges: Tensor } {
  const image = tensorToImage(pixels);
  const { width, height } = image;
  const gray = skimageGray(image);
  const holeFlags = hole.toArray() as Float32Array;
  const valid = Uint8Array.from(holeFlags, (h) => (h === 0 ? 1 : 0));
  const edges = canny(gray, width, height, { sigma: edgeConnectSigma, valid });
  return { gray: grayTensor(gray, width, height), edges: tensor(Float32Array.from(edges), [1, 1, height, width]) };
}

/** The grey image alone, [1,1,H,W], when the edges come from elsewhere (a user's edge map). */
export function edgeConnectGray(pixels: Tensor): Tensor {
  const image = tensorToImage(pixels);
  return grayTensor(skimageGray(image), image.width, image.height);
}

function grayTensor(gray: ArrayLike<number>, width: number, height: number): Tensor {
  return tensor(Float32Array.from(gray), [1, 1, height, width]);
}
