import { describe, expect, it } from 'vitest';
import { disFlow } from '../../../src/classical/flow/dis-flow.js';
import { createFlowPool } from '../../../src/classical/flow/flow-pool.js';
import { renderPlane, textureAt } from './synthetic.js';

describe('createFlowPool', () => {
  const texture = textureAt(11);
  const first = renderPlane(64, 48, texture);
  const second = renderPlane(64, 48, texture, (x, y) => [x - 3, y + 1]);

  it('computes on worker threads exactly what disFlow computes here, for requests in flight together', async () => {
    const pool = createFlowPool(2);
    try {
      const [ab, ba, again] = await Promise.all([pool.flow(first, second), pool.flow(second, first), pool.flow(first, second, { refinementIterations: 0 })]);
      expect(ab.data).toEqual(disFlow(first, second).data);
      expect(ba.data).toEqual(disFlow(second, first).data);
      expect(again.data).toEqual(disFlow(first, second, { refinementIterations: 0 }).data);
      expect([ab.width, ab.height]).toEqual([64, 48]);
    } finally {
      await pool.close();
    }
  });

  it('refuses frames of different sizes, and work once closed', async () => {
    const pool = createFlowPool(1);
    await expect(pool.flow(first, renderPlane(60, 48, texture))).rejects.toThrow(/one size/);
    await pool.close();
    await expect(pool.flow(first, second)).rejects.toThrow(/closed/);
  });
});
