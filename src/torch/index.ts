/**
 * The tensor engine's public surface: Tensor, creation, the functional ops as `F`, autograd
 * scopes, memory scopes and optimizers. Needs the libtorch addon (`npm run build:native`).
 */
export { Tensor, type Operand } from './tensor.js';
export { cat, cudaAvailable, full, manualSeed, ones, rand, randn, stack, tensor, where, zeros } from './creation.js';
export * as F from './functional.js';
export { isGradEnabled, noGrad } from './grad-mode.js';
export { keep, tidy } from './scope.js';
export { getNumThreads, setNumThreads } from './threads.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { SGD, type ParamGroupInput, type SGDOptions, type SGDParamGroup } from './optim/sgd.js';
export { CosineAnnealingLR, LambdaLR, LRScheduler, StepLR, type SchedulableOptimizer } from './optim/lr-scheduler.js';
export { imageToTensor, maskToTensor, tensorToImage, type PixelRangeOptions } from './image.js';
export { loadNative, nativeAvailable, type Dtype } from './native.js';
export * as nn from './nn/index.js';
export { readCheckpoint } from './serialization/read-checkpoint.js';
export { readPth, type Checkpoint, type CheckpointObject, type CheckpointValue } from './serialization/pth.js';
export { findStateDict } from './serialization/find-state-dict.js';
export { compareStateDict, type StateDict } from './serialization/state-dict.js';
export {
  decodeSafetensors,
  encodeSafetensors,
  loadSafetensors,
  saveSafetensors,
  type Safetensors,
} from './serialization/safetensors.js';
