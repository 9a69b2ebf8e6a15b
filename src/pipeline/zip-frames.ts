import { checkImage, checkMask, describeKind } from '../core/check-arguments.js';
import { InvalidInputError } from '../core/errors.js';
import { assertSameSize, type Image, type Mask } from '../core/image.js';

/**
 * Pairs frame i with mask i, checking sizes, and fails when one stream ends before the other:
 * a clip and its masks must have the same length.
 */
export async function* zipFramesAndMasks(
  frames: AsyncIterable<Image>,
  masks: AsyncIterable<Mask>,
): AsyncGenerator<{ frame: Image; mask: Mask; index: number }> {
  const frameIterator = asyncIteratorOf(frames, 'frames', 'Images');
  const maskIterator = asyncIteratorOf(masks, 'masks', 'Masks');
  try {
    for (let index = 0; ; index++) {
      const [f, m] = await Promise.all([frameIterator.next(), maskIterator.next()]);
      if (f.done && m.done) return;
      if (f.done || m.done) {
        throw new InvalidInputError(
          'video masks',
          'one mask per frame',
          f.done ? `more masks than the ${index} frames` : `${index} masks for a longer clip`,
        );
      }
      checkImage(f.value, `frame ${index}`);
      checkMask(m.value, `mask ${index}`);
      assertSameSize(f.value, m.value, `frame ${index}`);
      yield { frame: f.value, mask: m.value, index };
    }
  } finally {
    await Promise.all([frameIterator.return?.(), maskIterator.return?.()]);
  }
}

function asyncIteratorOf<T>(source: AsyncIterable<T>, parameter: string, items: string): AsyncIterator<T> {
  const iterate = (source as Partial<AsyncIterable<T>> | null)?.[Symbol.asyncIterator];
  if (typeof iterate !== 'function') throw new InvalidInputError(parameter, `an async iterable of ${items} (an async generator)`, describeKind(source));
  return iterate.call(source);
}
