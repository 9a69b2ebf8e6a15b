/**
 * Every network the toolkit runs, as data (models/common/network.ts). src/methods.ts registers
 * each as a method (network-method.ts); the network worker finds one here by id.
 */
import type { NetworkDefinition } from './common/network.js';
import { deepFillV2 } from './deepfill/network.js';
import { edgeConnect } from './edgeconnect/network.js';
import { glcic } from './glcic/network.js';
import { lbam } from './lbam/network.js';
import { pconv } from './pconv/network.js';
import { pluralistic } from './pluralistic/network.js';
import { prvs } from './prvs/network.js';
import { csa } from './csa/network.js';
import { structureFlow } from './structureflow/network.js';

export const networks: readonly NetworkDefinition[] = [deepFillV2, edgeConnect, pconv, glcic, pluralistic, prvs, lbam, csa, structureFlow];
