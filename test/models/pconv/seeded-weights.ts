/**
 * make_fixtures.py's seeded weights, drawn again through our engine (libtorch's generator, the
 * same stream as python3-torch): every floating-point state entry in state-dict order.
 */
import { PCONV_VGG16_LAYERS, VggFeatures } from '../../../src/losses/index.js';
import type { PConvUNet } from '../../../src/models/pconv/pconv-unet.js';
import { manualSeed, noGrad, randn, tidy } from '../../../src/torch/index.js';

/** seeded_pconv: mask_conv's ones kept; input_conv kaiming times fan_in for naoto0804's scaling, times 1 for NVIDIA's. */
export function seededPConv(model: PConvUNet, seed: number, naotoScaling: boolean): PConvUNet {
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of model.stateDict()) {
      if (t.dtype !== 'float32' || name.endsWith('mask_conv.weight')) continue;
      tidy(() => {
        const draw = randn(t.shape);
        if (name.endsWith('input_conv.weight')) {
          const fanIn = t.shape[1] * t.shape[2] * t.shape[3];
          t.copy_(draw.mul(Math.sqrt(2 / fanIn) * (naotoScaling ? fanIn : 1)));
        } else if (name.endsWith('bn.weight')) t.copy_(draw.mul(0.1).add(1));
        else if (name.endsWith('running_var')) t.copy_(draw.abs().mul(0.1).add(1));
        else t.copy_(draw.mul(0.1));
      });
    }
  });
  return model;
}

/** seeded_vgg: VGG16 to pool3, weights kaiming (fan-in), biases 0.05 randn. */
export function seededVgg(seed: number): VggFeatures {
  const vgg = new VggFeatures(16, PCONV_VGG16_LAYERS);
  manualSeed(seed);
  noGrad(() => {
    for (const [name, t] of vgg.stateDict()) {
      tidy(() => {
        const draw = randn(t.shape);
        t.copy_(name.endsWith('weight') ? draw.mul(Math.sqrt(2 / (t.shape[1] * t.shape[2] * t.shape[3]))) : draw.mul(0.05));
      });
    }
  });
  return vgg;
}
