/**
 * torch.nn's building blocks: Module (named parameters, buffers, state dicts, train/eval),
 * Sequential, the layers, and spectral normalisation. Exported from src/torch as `nn`.
 */
export { Module, type AnyModule, type LoadStateDictOptions } from './module.js';
export { Sequential } from './sequential.js';
export {
  Conv2d,
  Conv3d,
  ConvTranspose2d,
  type ConvLayerOptions,
  type ConvTransposeLayerOptions,
  type PaddingMode,
} from './conv.js';
export { Linear } from './linear.js';
export { BatchNorm2d, type BatchNormOptions, type NormLayerOptions } from './batch-norm.js';
export { InstanceNorm2d, type InstanceNormOptions } from './instance-norm.js';
export { ELU, LeakyReLU, ReLU, Sigmoid, Tanh } from './activation.js';
export { ReflectionPad2d } from './padding.js';
export { AvgPool2d, MaxPool2d } from './pooling.js';
export { spectralNorm, type SpectralNormOptions } from './spectral-norm.js';
