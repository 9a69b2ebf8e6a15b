/**
 * The generator of "An Internal Learning Approach to Video Inpainting" (Zhang et al. 2019):
 * EncoderDecoder2D of the official src/models/encoder_decoder_2d.py, a Deep-Image-Prior skip
 * encoder-decoder that maps each frame's fixed noise map to the frame (3 channels, sigmoid) and
 * its optical flows (2 raw channels per flow type). Parameter names are the official ones: the
 * authors monkeypatch `nn.Module.add` to name children '1', '2', ..., Concat names its branches
 * '0' (skip) and '1' (deeper), each conv is a Sequential of '0' reflection pad and '1' Conv2d, and
 * the head is FinalLayer's conv_img and conv_flow (e.g. `1.1.7.1.1.weight`).
 */
import { InvalidInputError } from '../../core/errors.js';
import { cat, F, nn, type Tensor } from '../../torch/index.js';

export interface EncoderDecoderConfig {
  inputChannels: number;
  /** 3 image channels plus 2 per flow type. */
  outputChannels: number;
  channelsDown: readonly number[];
  channelsUp: readonly number[];
  channelsSkip: readonly number[];
  filterDown: number;
  filterUp: number;
  filterSkip: number;
}

/** The official DIP-Vid-Flow configuration (configs/base.py) for a given depth and output width. */
export function officialConfig(outputChannels: number, depth = 6): EncoderDecoderConfig {
  return {
    inputChannels: 1,
    outputChannels,
    channelsDown: [16, 32, 64, 128, 128, 128].slice(0, depth),
    channelsUp: [16, 32, 64, 128, 128, 128].slice(0, depth),
    channelsSkip: [4, 4, 4, 4, 4, 4].slice(0, depth),
    filterDown: 5,
    filterUp: 3,
    filterSkip: 1,
  };
}

/** A Sequential whose children are named from '1', as the official `Module.add` names them. */
class AddedSequential extends nn.Module {
  readonly #layers: nn.Module[] = [];

  add<M extends nn.Module>(layer: M): M {
    this.#layers.push(this.registerModule(String(this.#layers.length + 1), layer));
    return layer;
  }

  forward(x: Tensor): Tensor {
    return this.#layers.reduce((y, layer) => layer.call(y), x);
  }
}

/** The official `conv`: reflection padding ('0', no parameters) then Conv2d as child '1'. */
class PaddedConv extends nn.Module {
  readonly #padding: number;
  readonly conv: nn.Conv2d;

  constructor(inChannels: number, outChannels: number, kernelSize: number, stride = 1) {
    super();
    this.#padding = Math.floor((kernelSize - 1) / 2);
    this.conv = this.registerModule('1', new nn.Conv2d(inChannels, outChannels, kernelSize, { stride }));
  }

  forward(x: Tensor): Tensor {
    const p = this.#padding;
    return this.conv.call(p > 0 ? F.pad(x, [p, p, p, p], { mode: 'reflect' }) : x);
  }
}

/** Runs the skip ('0') and deeper ('1') branches and concatenates them, centre-cropped to the smaller. */
class Concat extends nn.Module {
  constructor(readonly skip: nn.Module, readonly deeper: nn.Module) {
    super();
    this.registerModule('0', skip);
    this.registerModule('1', deeper);
  }

  forward(x: Tensor): Tensor {
    const outputs = [this.skip.call(x), this.deeper.call(x)];
    const height = Math.min(...outputs.map((y) => y.shape[2]!));
    const width = Math.min(...outputs.map((y) => y.shape[3]!));
    const cropped = outputs.map((y) => y
      .narrow(2, Math.floor((y.shape[2]! - height) / 2), height)
      .narrow(3, Math.floor((y.shape[3]! - width) / 2), width));
    return cat(cropped, 1);
  }
}

/** The head: conv_img (sigmoid, the frame) and conv_flow (raw, the flows), concatenated. */
class FinalLayer extends nn.Module {
  readonly convImg: PaddedConv;
  readonly convFlow: PaddedConv | null;

  constructor(inChannels: number, outChannels: number) {
    super();
    this.convImg = this.registerModule('conv_img', new PaddedConv(inChannels, 3, 1));
    this.convFlow = outChannels > 3 ? this.registerModule('conv_flow', new PaddedConv(inChannels, outChannels - 3, 1)) : null;
  }

  forward(x: Tensor): Tensor {
    const image = F.sigmoid(this.convImg.call(x));
    return this.convFlow ? cat([image, this.convFlow.call(x)], 1) : image;
  }
}

class NearestUpsample2x extends nn.Module {
  forward(x: Tensor): Tensor {
    return F.interpolate(x, { scaleFactor: 2, mode: 'nearest' });
  }
}

export class EncoderDecoder2D extends nn.Module {
  readonly #root = new AddedSequential();
  readonly #depth: number;

  constructor(readonly config: EncoderDecoderConfig) {
    super();
    const { channelsDown: down, channelsUp: up, channelsSkip: skipChannels } = config;
    this.#depth = down.length;
    let level = this.#root;
    let inputDepth = config.inputChannels;
    const bnAct = (target: AddedSequential, channels: number): void => {
      target.add(new nn.BatchNorm2d(channels));
      target.add(new nn.LeakyReLU(0.2));
    };
    for (let i = 0; i < down.length; i++) {
      const deepest = i === down.length - 1;
      const deeper = new AddedSequential();
      const skip = new AddedSequential();
      // The official skip channels are never 0 in this configuration, so every level is a Concat.
      level.add(new Concat(skip, deeper));
      level.add(new nn.BatchNorm2d(skipChannels[i]! + (deepest ? down[i]! : up[i + 1]!)));

      skip.add(new PaddedConv(inputDepth, skipChannels[i]!, config.filterSkip));
      bnAct(skip, skipChannels[i]!);

      deeper.add(new PaddedConv(inputDepth, down[i]!, config.filterDown, 2));
      bnAct(deeper, down[i]!);
      deeper.add(new PaddedConv(down[i]!, down[i]!, config.filterDown));
      bnAct(deeper, down[i]!);
      const deeperMain = new AddedSequential();
      if (!deepest) deeper.add(deeperMain);
      deeper.add(new NearestUpsample2x());

      level.add(new PaddedConv(skipChannels[i]! + (deepest ? down[i]! : up[i + 1]!), up[i]!, config.filterUp));
      bnAct(level, up[i]!);
      level.add(new PaddedConv(up[i]!, up[i]!, 1));
      bnAct(level, up[i]!);

      inputDepth = down[i]!;
      level = deeperMain;
    }
    this.#root.add(new FinalLayer(up[0]!, config.outputChannels));
    // The root's children are this module's own: names start at '1', not 'root.'.
    for (const [name, child] of this.#root.namedChildren()) this.registerModule(name, child);
  }

  /** The smallest frame side the network takes: the deepest 5x5 reflection pad needs 3 pixels, 2^depth halvings up. */
  static minimumSide(depth: number): number {
    return 2 ** (depth + 1) + 1;
  }

  /** noise [N, inputChannels, H, W] -> [N, outputChannels, H, W] (frames then flows). */
  forward(noise: Tensor): Tensor {
    const [, channels, height, width] = noise.shape;
    const minimum = EncoderDecoder2D.minimumSide(this.#depth);
    if (noise.dim !== 4 || channels !== this.config.inputChannels) {
      throw new InvalidInputError('internal generator input', `noise of shape [N, ${this.config.inputChannels}, H, W]`, `[${noise.shape.join(', ')}]`);
    }
    if (height! < minimum || width! < minimum) {
      throw new InvalidInputError('internal generator input', `frames of at least ${minimum}x${minimum} for a depth-${this.#depth} generator`, `${width}x${height}`);
    }
    return this.#root.call(noise);
  }
}
