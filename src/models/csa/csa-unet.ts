/**
 * The refinement network netG: networks.py's `UnetGeneratorCSA` (6 -> 3, no Tanh) built from
 * `UnetSkipConnectionBlock_3`s (a dilated 4x4/2 halving then a 3x3 convolution, mirrored on the
 * way up) with the `CSA` block at 1/8 scale, where the coherent semantic attention layer and the
 * two consistency probes (`InnerCos`, `InnerCos2`) sit between the block's layers, at the official
 * indices (`model.model.1.model.6.model.11.weight`).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { CoherentSemanticAttention } from './csa-layer.js';
import { featureMask, holeFlags } from './feature-mask.js';
import { ConsistencyProbe } from './consistency-probe.js';
import { instanceNorm, UnetBlock } from './unet-block.js';

type Position = 'outermost' | 'middle' | 'innermost' | 'csa';

/** The dilated halving every non-outermost block starts with: 4x4, stride 2, padding 3, dilation 2. */
function dilatedDown(channels: number): nn.Conv2d {
  return new nn.Conv2d(channels, channels, 4, { stride: 2, padding: 3, dilation: 2 });
}

/** `UnetSkipConnectionBlock_3`, and with position 'csa' the `CSA` block. */
export class CsaUnetBlock extends UnetBlock {
  readonly model: nn.Sequential;
  readonly outermost: boolean;

  constructor(outerChannels: number, innerChannels: number, position: Position, submodule: nn.Module | null, inputChannels = outerChannels, csa?: CsaProbes) {
    super();
    this.outermost = position === 'outermost';
    const conv3 = () => new nn.Conv2d(inputChannels, innerChannels, 3, { padding: 1 });
    const up3 = () => new nn.ConvTranspose2d(innerChannels * 2, outerChannels, 3, { padding: 1 });
    const up = (inChannels: number) => new nn.ConvTranspose2d(inChannels, outerChannels, 4, { stride: 2, padding: 1 });
    const down = [new nn.LeakyReLU(0.2), dilatedDown(inputChannels), instanceNorm(inputChannels), new nn.LeakyReLU(0.2), conv3()];
    const upper = [new nn.ReLU(), up3(), instanceNorm(outerChannels), new nn.ReLU(), up(outerChannels), instanceNorm(outerChannels)];
    let layers: nn.Module[];
    if (position === 'outermost') layers = [conv3(), submodule!, new nn.ReLU(), up3()];
    else if (position === 'innermost') layers = [new nn.LeakyReLU(0.2), dilatedDown(inputChannels), new nn.ReLU(), up(innerChannels), instanceNorm(outerChannels)];
    else if (position === 'csa') layers = [...down, csa!.attention, csa!.encoderProbe, instanceNorm(innerChannels), submodule!, csa!.decoderProbe, ...upper];
    else layers = [...down, instanceNorm(innerChannels), submodule!, ...upper];
    this.model = this.registerModule('model', new nn.Sequential(...layers));
  }
}

/** The parameterless layers of the CSA block, which the generator reaches directly. */
export interface CsaProbes {
  readonly attention: CoherentSemanticAttention;
  /** `InnerCos`: the attention's output, for the consistency loss. */
  readonly encoderProbe: ConsistencyProbe;
  /** `InnerCos2`: the decoder's features at the same scale (the first 8 * ngf channels). */
  readonly decoderProbe: ConsistencyProbe;
}

/** `UnetGeneratorCSA(6, 3, 8, ngf)`: the official netG. */
export class CsaUnet extends nn.Module<[Tensor, Tensor]> {
  readonly model: CsaUnetBlock;
  readonly csa: CsaProbes;

  constructor(ngf: number) {
    super();
    this.csa = {
      attention: new CoherentSemanticAttention(),
      encoderProbe: new ConsistencyProbe(ngf * 8),
      decoderProbe: new ConsistencyProbe(ngf * 8),
    };
    let block = new CsaUnetBlock(ngf * 8, ngf * 8, 'innermost', null);
    for (let i = 0; i < 4; i++) block = new CsaUnetBlock(ngf * 8, ngf * 8, 'middle', block);
    block = new CsaUnetBlock(ngf * 4, ngf * 8, 'csa', block, ngf * 4, this.csa);
    block = new CsaUnetBlock(ngf * 2, ngf * 4, 'middle', block);
    block = new CsaUnetBlock(ngf, ngf * 2, 'middle', block);
    this.model = this.registerModule('model', new CsaUnetBlock(3, ngf, 'outermost', block, 6));
  }

  /**
   * The refined image from [rough fill, input] (6 channels) and the image mask ([1,1,H,W], 1 =
   * hole), whose 1/8-scale flags the attention takes (the official `set_mask`, for every input).
   */
  forward(x: Tensor, mask: Tensor): Tensor {
    this.csa.attention.setHoles(holeFlags(featureMask(mask)));
    return this.model.call(x);
  }
}
