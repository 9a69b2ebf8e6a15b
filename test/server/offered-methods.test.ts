import { describe, expect, it } from 'vitest';
import { getMethod, getVideoMethod } from '../../src/methods.js';
import { checkMethodWeights, offeredMethods } from '../../src/server/offered-methods.js';

describe('offered methods: weights are the server\'s', () => {
  const propagate = getVideoMethod('propagate');

  it('refuses a weights option in a request, also for a method that needs none (no request names a file)', () => {
    expect(() => offeredMethods().options(propagate, JSON.stringify({ flowCompletion: 'dfc', weights: '/etc/passwd' }))).toThrow(/weights/);
  });

  it('gives propagate the server\'s DFC-Net weights when a request asks for flowCompletion=dfc, and only then', () => {
    const offered = offeredMethods({ propagate: 'resnet101_movie.pth' });
    expect(offered.options(propagate, JSON.stringify({ flowCompletion: 'dfc' }))).toMatchObject({ flowCompletion: 'dfc', weights: 'resnet101_movie.pth' });
    expect(offered.options(propagate, undefined).weights).toBeUndefined();
    expect(() => offeredMethods().options(propagate, JSON.stringify({ flowCompletion: 'dfc' }))).toThrow(/flowCompletion=dfc/);
  });

  it('lets inpaint serve --weights name propagate, which takes weights', async () => {
    await expect(checkMethodWeights({ propagate: '/nowhere/resnet101_movie.pth' })).rejects.toThrow(/no such file/);
    await expect(checkMethodWeights({ telea: '/nowhere/x.pth' })).rejects.toThrow(/takes weights/);
  });

  it('refuses a network\'s guide option (EdgeConnect\'s edges names a file) and leaves it out of the schema clients see', () => {
    const edgeconnect = getMethod('edgeconnect');
    const offered = offeredMethods({ edgeconnect: 'release' });
    expect(() => offered.options(edgeconnect, JSON.stringify({ edges: '/etc/passwd' }))).toThrow(/edgeconnect option edges/);
    expect(offered.options(edgeconnect, JSON.stringify({ mode: 'inpaint' }))).toMatchObject({ mode: 'inpaint', weights: 'release' });
    expect(Object.keys(offered.schema(edgeconnect).properties ?? {})).toEqual(['mode']);
  });
});
