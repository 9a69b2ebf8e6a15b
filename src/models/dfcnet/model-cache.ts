/** The DFC-Net a weights file gives, loaded once per process (the latest one kept). */
import { ModelCache } from '../common/model-cache.js';
import type { DfcNet } from './dfc-resnet.js';
import { loadDfcNet } from './weights.js';

const cache = new ModelCache<DfcNet>(1);

export function cachedDfcNet(path: string): Promise<DfcNet> {
  return cache.get(path, () => loadDfcNet(path));
}
