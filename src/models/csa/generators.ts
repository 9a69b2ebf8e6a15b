/**
 * netP and netG as one module (`P.`, `G.`): what inference loads from a file of `inpaint train`
 * and what training optimises (the official code's two Adams with equal settings are one here).
 */
import { nn, type Tensor } from '../../torch/index.js';
import { complete, type CsaInputs } from './completion.js';
import { CsaUnet } from './csa-unet.js';
import { Pix2pixUnet } from './pix2pix-unet.js';

export class CsaGenerators extends nn.Module<[CsaInputs], { roughFill: Tensor; refined: Tensor }> {
  readonly rough: Pix2pixUnet;
  readonly refine: CsaUnet;

  constructor(readonly ngf: number) {
    super();
    this.rough = this.registerModule('P', new Pix2pixUnet(ngf));
    this.refine = this.registerModule('G', new CsaUnet(ngf));
  }

  forward(inputs: CsaInputs): { roughFill: Tensor; refined: Tensor } {
    return complete(this.rough, this.refine, inputs);
  }
}
