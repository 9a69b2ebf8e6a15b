/**
 * Writes a ResNet-101 DFC-Net of seeded random weights in the format of the official
 * resnet101_movie.pth (legacy torch.save, {'n_iter', 'model'}, `module.` keys): what the README's
 * eval table ran with, there being no official weights on this machine. The weights are those of
 * test/models/dfcnet/seeded-dfcnet.ts (He-scaled convolutions, batch norm near identity).
 *
 *   npx vite-node bench/dfcnet-random-release.ts -- OUT.pth [SEED]
 */
import { resnet101Movie } from '../src/models/dfcnet/dfc-resnet.js';
import { writeLegacyPth } from '../test/models/dfcnet/legacy-pth-writer.js';
import { seededDfcNet } from '../test/models/dfcnet/seeded-dfcnet.js';

const [out, seed = '101'] = process.argv.slice(2).filter((arg) => arg !== '--');
if (!out) throw new Error('usage: dfcnet-random-release.ts OUT.pth [SEED]');
const net = seededDfcNet(resnet101Movie, Number(seed));
writeLegacyPth(out, new Map([...net.stateDict()].map(([key, t]) => [`module.${key}`, t])));
console.log(`wrote ${out}: ResNet-101 DFC-Net, seed ${seed}`);
