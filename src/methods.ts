/**
 * The composition root: the one module that imports every method and builds the registry from
 * them. Nothing else lists methods, and no method imports this module back; video methods are
 * given the image methods they may call on, rather than importing the pipeline.
 */
import { patchMatchMethod } from './classical/patchmatch/method.js';
import { createPerFrameMethod } from './classical/per-frame/method.js';
import { createPropagateMethod } from './classical/propagate/method.js';
import { teleaMethod } from './classical/telea/method.js';
import { deepFillV2Method } from './models/deepfill/method.js';
import { createRegistry } from './registry/registry.js';

const imageMethods = [patchMatchMethod, teleaMethod, deepFillV2Method];

export const registry = createRegistry(imageMethods, [createPropagateMethod(imageMethods), createPerFrameMethod(imageMethods)]);

export const { methods, defaultMethodId, videoMethods, defaultVideoMethodId, getMethod, getVideoMethod } = registry;
