/**
 * Every video network the toolkit runs, as data (models/common/video-network.ts). src/methods.ts
 * registers each as a video method (video-network-method.ts); the network worker finds one here by id.
 */
import type { VideoNetworkDefinition } from './common/video-network.js';
import { cpnet } from './cpnet/network.js';
import { ffvi } from './ffvi/network.js';

export const videoNetworks: readonly VideoNetworkDefinition[] = [ffvi, cpnet];
