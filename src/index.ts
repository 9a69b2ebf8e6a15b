/**
 * The library's whole public surface, listed by name: anything not exported here is internal and
 * may change without notice.
 */

// Core types and errors
export type { Image, Mask, Rect } from './core/image.js';
export { createImage, createMask, holeBounds, holeCount } from './core/image.js';
export {
  CancelledError,
  InpaintError,
  InvalidInputError,
  InvalidOptionError,
  MaskCoversEverythingError,
  NativeEngineMissingError,
  OverwriteInputError,
  PixelLimitError,
  SizeMismatchError,
  UnknownMethodError,
} from './core/errors.js';

// Reading and writing images and masks
export { readImage, type ReadImageOptions } from './io/read-image.js';
export { encodeImage, writeImage, type WriteImageOptions } from './io/write-image.js';
export type { OutputFormat } from './io/output-format.js';
export { readMask, type ReadMaskOptions } from './io/read-mask.js';
export { maskFromPixels, type MaskPixels, type MaskPolarityOptions } from './io/mask-from-pixels.js';
export { writeMask } from './io/write-mask.js';
export { dilateMask } from './io/dilate-mask.js';
export { resizeMaskNearest } from './io/resize-mask.js';

// Inpainting
export { inpaintImage, type InpaintImageOptions } from './pipeline/inpaint-image.js';
export { defaultMethodId, getMethod, methods } from './methods.js';
export { parseOptions } from './registry/parse-options.js';
export type { ImageInpainter, ImageMethod, ProgressCallback, RunContext } from './registry/method.js';

// Video
export { inpaintVideo, type InpaintVideoOptions } from './pipeline/inpaint-video.js';
export { defaultVideoMethodId, getVideoMethod, videoMethods } from './methods.js';
export type { VideoInpainter, VideoMethod, VideoRunContext } from './registry/video-method.js';
export { readFrames, type ReadFramesOptions } from './io/video/read-frames.js';
export { createVideoWriter, type VideoWriter, type VideoWriterOptions } from './io/video/video-writer.js';
export { openVideoMask, type VideoMaskOptions } from './io/video/video-mask.js';
export { probeVideo, type VideoInfo } from './io/video/probe-video.js';
export { describeVideoSource, type VideoSource } from './io/video/video-source.js';
export { disFlow, type DisFlowOptions } from './classical/flow/dis-flow.js';
export type { FlowField } from './classical/flow/flow-field.js';
export { createFlowPool, type FlowPool } from './classical/flow/flow-pool.js';

// Networks (need the libtorch addon: npm run build:native)
export { getTraining, trainings } from './methods.js';
export { trainNetwork, type TrainNetworkOptions, type TrainingProgress } from './training/train-network.js';
export type { NetworkTraining, TrainingSession, TrainingBatch, StepLosses, LossLogColumn } from './training/network-training.js';
export { deepFillV2Training } from './models/deepfill/training.js';
export { dfcNetTraining } from './models/dfcnet/training.js';
export { pluralisticTraining } from './models/pluralistic/training.js';
export { loadGenerator as loadDeepFillGenerator } from './models/deepfill/network.js';
export { DeepFillGenerator, type GeneratorOptions as DeepFillGeneratorOptions } from './models/deepfill/generator.js';
export { SNPatchGANDiscriminator } from './models/deepfill/discriminator.js';
export { edgeConnectEdgeMap, type EdgeMapOptions } from './models/edgeconnect/edge-map.js';
export { pconvTraining } from './models/pconv/training.js';
export { PConvUNet, type PConvUNetOptions } from './models/pconv/pconv-unet.js';
export { PartialConv, type PartialConvScaling } from './models/pconv/partial-conv.js';
export { lbamTraining } from './models/lbam/training.js';
export { csaTraining } from './models/csa/training.js';
export { cpnetTraining } from './models/cpnet/training.js';

// Mask generation
export { generateMasks, maskKinds, type GenerateMasksOptions, type MaskKind } from './masks/generate.js';
export { parseRatioRange, type RatioRange } from './masks/ratio-range.js';
export { generateVideoMasks, maxVideoMaskFrames, type GenerateVideoMasksOptions } from './masks/video-generate.js';

// Masks from a click or a key frame
export { selectObject, type Point, type SelectionPoints, type SelectObjectOptions } from './segmentation/select-object.js';
export { trackMasks, type FlowFunction, type TrackMasksOptions } from './segmentation/track-masks.js';
export { trackClipMasks, type TrackClipMasksOptions } from './pipeline/track-clip-masks.js';

// Metrics
export { composite } from './metrics/composite.js';
export { l1Percent } from './metrics/l1.js';
export { psnr } from './metrics/psnr.js';
export { sharpness } from './metrics/sharpness.js';
export { ssim } from './metrics/ssim.js';
export { scoreInpainting, type InpaintingScores } from './metrics/score-inpainting.js';
export { TemporalStability } from './metrics/temporal-stability.js';

// Benchmark evaluation
export { evaluateMethod, type EvaluateMethodOptions } from './eval/evaluate-method.js';
export { runEvaluation, type InpaintFunction, type RunEvaluationOptions } from './eval/run-evaluation.js';
export { evalBuckets, listEvalPairs, type EvalBucket, type EvalPair } from './eval/pairs.js';
export {
  formatEvalReport,
  type BucketSummary,
  type EvalReport,
  type EvalSummary,
  type PairResult,
} from './eval/report.js';
export { evaluateVideo, type EvaluateVideoOptions } from './eval/video/evaluate-video.js';
export { ClipScorer, type ClipScores, type FrameScores } from './eval/video/clip-scorer.js';
export { listVideoClips, type VideoClip } from './eval/video/video-clips.js';
export { formatVideoEvalReport, type VideoClipResult, type VideoEvalReport } from './eval/video/video-report.js';

// The HTTP server (the API and the web page)
export { createServer } from './server/app.js';
export { defaultLimits, type ServerConfigInput, type ServerLimits } from './server/config.js';
