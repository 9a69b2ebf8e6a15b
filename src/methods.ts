/**
 * The composition root: the one module that imports every method and builds the registry from
 * them. Nothing else lists methods, and no method imports this module back; video methods are
 * given the image methods they may call on, rather than importing the pipeline.
 */
import { patchMatchMethod } from './classical/patchmatch/method.js';
import { createPerFrameMethod } from './classical/per-frame/method.js';
import { createPropagateMethod } from './classical/propagate/method.js';
import { teleaMethod } from './classical/telea/method.js';
import { networkMethod } from './models/common/network-method.js';
import { networks } from './models/networks.js';
import { videoNetworkMethod } from './models/common/video-network-method.js';
import { videoNetworks } from './models/video-networks.js';
import { deepFillV2Training } from './models/deepfill/training.js';
import { dfcNetTraining } from './models/dfcnet/training.js';
import { edgeConnectTraining } from './models/edgeconnect/training.js';
import { structureFlowTraining } from './models/structureflow/training.js';
import { pconvTraining } from './models/pconv/training.js';
import { glcicTraining } from './models/glcic/training.js';
import { pluralisticTraining } from './models/pluralistic/training.js';
import { prvsTraining } from './models/prvs/training.js';
import { lbamTraining } from './models/lbam/training.js';
import { csaTraining } from './models/csa/training.js';
import { ffviTraining } from './models/ffvi/training.js';
import { cpnetTraining } from './models/cpnet/training.js';
import { internalMethod } from './models/internal/method.js';
import { createRegistry } from './registry/registry.js';

/**
 * The classical image methods, then one network method per network of models/networks.ts; the
 * classical video methods, then one per video network of models/video-networks.ts.
 */
const imageMethods = [patchMatchMethod, teleaMethod, ...networks.map(networkMethod)];

export const registry = createRegistry(
  imageMethods,
  [createPropagateMethod(imageMethods), createPerFrameMethod(imageMethods), ...videoNetworks.map(videoNetworkMethod), internalMethod],
  [deepFillV2Training, edgeConnectTraining, pconvTraining, glcicTraining, pluralisticTraining, prvsTraining, lbamTraining, csaTraining, structureFlowTraining, ffviTraining, cpnetTraining, dfcNetTraining],
);

export const { methods, defaultMethodId, videoMethods, defaultVideoMethodId, trainings, getMethod, getVideoMethod, getTraining } = registry;
