import { expect, it } from 'vitest';
import {
  EDGECONNECT_PERCEPTUAL_LAYERS,
  EDGECONNECT_STYLE_LAYERS,
  imagenetNormalize,
  PCONV_VGG16_LAYERS,
  perceptualLoss,
  styleLoss,
  VggFeatures,
  vggLayerNames,
} from '../../src/losses/index.js';
import { tensor, tidy, type Tensor } from '../../src/torch/index.js';
import { InvalidOptionError } from '../../src/core/errors.js';
import { describeWithEngine } from '../torch/engine.js';
import { expectMatchesCase, expectMissesCase, seededVgg } from './fixture.js';

const PCONV_CASE = 'vgg16 pool1-3 perceptual + style (naoto0804 weights)';
const NORMALISED_CASE = 'vgg16 pool1-3 perceptual on ImageNet-normalised input (NVIDIA VGG16PartialLoss)';
const EDGECONNECT_CASE = 'vgg19 perceptual relu1_1..5_1 + style on output*hole (EdgeConnect weights)';

describeWithEngine('VGG16 and VGG19 feature extractors and the losses on them', () => {
  it("have torchvision's parameter names, built only up to the deepest layer asked for", () => {
    const vgg16 = new VggFeatures(16, PCONV_VGG16_LAYERS);
    const vgg19 = new VggFeatures(19, [...EDGECONNECT_PERCEPTUAL_LAYERS, ...EDGECONNECT_STYLE_LAYERS]);
    try {
      const keys16 = [...vgg16.stateDict().keys()];
      expect(keys16[0]).toBe('features.0.weight');
      expect(keys16.at(-1)).toBe('features.14.bias');
      expect(vgg16.features.length).toBe(17);
      expect(vgg16.stateDict().get('features.14.weight')!.shape).toEqual([256, 256, 3, 3]);
      expect([...vgg19.stateDict().keys()].at(-1)).toBe('features.30.bias');
      expect(vgg19.features.length).toBe(32);
      expect(vgg16.parameters().every((p) => !p.requiresGrad)).toBe(true);
      expect(vggLayerNames(19).indexOf('relu5_1')).toBe(29);
      expect(vggLayerNames(16).indexOf('pool3')).toBe(16);
    } finally {
      vgg16.dispose();
      vgg19.dispose();
    }
  });

  it('an unknown layer name is an option error listing the names', () => {
    expect(() => new VggFeatures(16, ['relu3_4'])).toThrow(InvalidOptionError);
  });

  const vgg16 = (): VggFeatures => seededVgg(16, PCONV_VGG16_LAYERS);

  function pconvPerceptualStyle(vgg: VggFeatures, { output, target, hole }: Record<string, Tensor>): Tensor {
    const comp = output.mul(hole).add(target.mul(hole.neg().add(1)));
    const [fOut, fComp, fGt] = [vgg.call(output), vgg.call(comp), vgg.call(target)];
    const perceptual = perceptualLoss(fOut, fGt).add(perceptualLoss(fComp, fGt));
    const style = styleLoss(fOut, fGt).add(styleLoss(fComp, fGt));
    return perceptual.mul(0.05).add(style.mul(120));
  }

  it("VGG16 pool1-3 perceptual and style reproduce naoto0804's InpaintingLoss (random weights shared with python)", () => {
    const vgg = vgg16();
    try {
      tidy(() => expectMatchesCase(PCONV_CASE, (inputs) => pconvPerceptualStyle(vgg, inputs)));
      // The same loss on relu3_3 instead of pool3 is another network's loss: caught.
      const wrongTap = seededVgg(16, ['pool1', 'pool2', 'relu3_3']);
      tidy(() => expectMissesCase(PCONV_CASE, (inputs) => pconvPerceptualStyle(wrongTap, inputs)));
      wrongTap.dispose();
    } finally {
      vgg.dispose();
    }
  });

  it("ImageNet normalisation before VGG16 matches NVIDIA's; a swapped channel order (BGR) is caught", () => {
    const vgg = vgg16();
    try {
      tidy(() => expectMatchesCase(NORMALISED_CASE, ({ output, target }) =>
        perceptualLoss(vgg.call(imagenetNormalize(output)), vgg.call(imagenetNormalize(target)))));
      const bgrNormalize = (x: Tensor): Tensor =>
        x.sub(tensor([0.406, 0.456, 0.485], [1, 3, 1, 1])).div(tensor([0.225, 0.224, 0.229], [1, 3, 1, 1]));
      tidy(() => expectMissesCase(NORMALISED_CASE, ({ output, target }) =>
        perceptualLoss(vgg.call(bgrNormalize(output)), vgg.call(bgrNormalize(target)))));
    } finally {
      vgg.dispose();
    }
  });

  it("VGG19 perceptual (relu1_1..relu5_1) and style (relu2_2, relu3_4, relu4_4, relu5_2) reproduce EdgeConnect's loss.py", () => {
    const vgg = seededVgg(19, [...EDGECONNECT_PERCEPTUAL_LAYERS, ...EDGECONNECT_STYLE_LAYERS]);
    const split = (x: Tensor): [Tensor[], Tensor[]] => {
      const all = vgg.call(x);
      return [all.slice(0, 5), all.slice(5)];
    };
    const edgeConnect = (style: (a: Tensor[], b: Tensor[]) => Tensor) => ({ output, target, hole }: Record<string, Tensor>): Tensor => {
      const [perceptualOut] = split(output);
      const [perceptualGt] = split(target);
      const [, styleOut] = split(output.mul(hole));
      const [, styleGt] = split(target.mul(hole));
      return perceptualLoss(perceptualOut, perceptualGt).mul(0.1).add(style(styleOut, styleGt).mul(250));
    };
    try {
      tidy(() => expectMatchesCase(EDGECONNECT_CASE, edgeConnect(styleLoss)));
      // The style on the whole images instead of on image · hole (EdgeConnect masks both) is caught.
      tidy(() => expectMissesCase(EDGECONNECT_CASE, ({ output, target }) => {
        const [perceptualOut, styleOut] = split(output);
        const [perceptualGt, styleGt] = split(target);
        return perceptualLoss(perceptualOut, perceptualGt).mul(0.1).add(styleLoss(styleOut, styleGt).mul(250));
      }));
    } finally {
      vgg.dispose();
    }
  });
});
