/**
 * The visual structure reconstruction layer (Li et al. 2019, section 3.1; modules/VSRLayer.py).
 * Its edge generator, a partial convolution over [features, edge] with the bottleneck and a 1x1
 * convolution after it, proposes an edge map; the edge that goes on is the input's edge where the
 * area was known and the proposal only where the partial convolution newly reached (updated mask
 * minus input mask), nothing elsewhere. A second partial convolution then makes the features from
 * [features, that edge] (with the edge's new mask), followed by the optional transposed convolution,
 * batch norm and activation; the mask it returns is both convolutions' updated masks multiplied,
 * resized (nearest) to the output.
 */
import { cat, F, nn, type Tensor } from '../../torch/index.js';
import { Bottleneck } from './bottleneck.js';
import { PartialConv2d } from './partial-conv.js';

/** modules/VSRLayer.py `EdgeGenerator`: partial convolution to 64 channels, bottleneck, 1x1 to the edge. */
export class EdgeGenerator extends nn.Module<[Tensor, Tensor], { edge: Tensor; mask: Tensor }> {
  readonly p_conv: PartialConv2d;
  readonly edge_resolver: Bottleneck;
  readonly out_layer: nn.Conv2d;

  constructor(featureChannels: number, kernelSize: number) {
    super();
    this.p_conv = this.registerModule('p_conv', new PartialConv2d(featureChannels + 1, 64, kernelSize, { padding: Math.floor(kernelSize / 2), bias: false }));
    this.edge_resolver = this.registerModule('edge_resolver', new Bottleneck(64, 16));
    this.out_layer = this.registerModule('out_layer', new nn.Conv2d(64, 1, 1, { bias: false }));
  }

  forward(x: Tensor, mask: Tensor): { edge: Tensor; mask: Tensor } {
    const { output, mask: updated } = this.p_conv.call(x, mask);
    return { edge: this.out_layer.call(this.edge_resolver.call(output)), mask: updated };
  }
}

/**
 * The official `activation` argument: "ReLU", "Leaky", anything else none. The decoder's dec_2
 * passes 'leaky' (lower case), which the official comparison does not match: it has no activation.
 */
export type VsrActivation = 'ReLU' | 'Leaky' | 'none';

export interface VsrLayerOptions {
  /** @default 2 */
  readonly stride?: number;
  /** @default 3 */
  readonly kernelSize?: number;
  /** @default true */
  readonly batchNorm?: boolean;
  /** @default 'ReLU' */
  readonly activation?: VsrActivation;
  /** A 4x4 stride-2 transposed convolution after the features. @default false */
  readonly deconv?: boolean;
}

export interface VsrLayerOutput {
  readonly features: Tensor;
  readonly mask: Tensor;
  /** The reconstructed edge map, at the layer's input size. */
  readonly edge: Tensor;
}

export class VsrLayer extends nn.Module<[Tensor, Tensor, Tensor], VsrLayerOutput> {
  readonly edge_generator: EdgeGenerator;
  readonly feat_rec: PartialConv2d;
  readonly deconv: nn.ConvTranspose2d | null;
  readonly batchnorm: nn.BatchNorm2d | null;
  readonly activation: VsrActivation;

  constructor(inChannels: number, outChannels: number, options: VsrLayerOptions = {}) {
    super();
    const kernelSize = options.kernelSize ?? 3;
    this.edge_generator = this.registerModule('edge_generator', new EdgeGenerator(inChannels, kernelSize));
    this.feat_rec = this.registerModule(
      'feat_rec',
      new PartialConv2d(inChannels + 1, outChannels, kernelSize, { stride: options.stride ?? 2, padding: Math.floor(kernelSize / 2) }),
    );
    this.deconv = options.deconv ? this.registerModule('deconv', new nn.ConvTranspose2d(outChannels, outChannels, 4, { stride: 2, padding: 1 })) : null;
    this.batchnorm = options.batchNorm ?? true ? this.registerModule('batchnorm', new nn.BatchNorm2d(outChannels)) : null;
    this.activation = options.activation ?? 'ReLU';
  }

  forward(features: Tensor, mask: Tensor, edgeIn: Tensor): VsrLayerOutput {
    const [height, width] = features.shape.slice(2);
    const edge = F.interpolate(edgeIn, { size: [height, width] });
    const known = mask.narrow(1, 0, 1);
    const proposal = this.edge_generator.call(cat([features, edge], 1), cat([mask, known], 1));
    const reached = proposal.mask.narrow(1, 0, 1);
    const reconstructed = edge.mul(known).add(proposal.edge.mul(reached.sub(known)));
    const rec = this.feat_rec.call(cat([features, reconstructed], 1), cat([mask, reached], 1));
    let out = this.deconv ? this.deconv.call(rec.output) : rec.output;
    if (this.batchnorm) out = this.batchnorm.call(out);
    if (this.activation === 'ReLU') out = out.relu();
    else if (this.activation === 'Leaky') out = F.leakyRelu(out, 0.2);
    const size = out.shape.slice(2);
    return { features: out, mask: F.interpolate(rec.mask, { size }).mul(F.interpolate(reached, { size })), edge: reconstructed };
  }
}
