import { describe, expect, it } from 'vitest';
import { getMethod, getVideoMethod, methods, parseOptions, videoMethods } from '../../../src/registry/registry.js';
import { useServers } from '../helpers.js';

const startServer = useServers();

interface Listed {
  id: string;
  isDefault: boolean;
  kind: string;
  description: string;
  options: { type: string; properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number; description?: string }> };
}

describe('GET /api/v1/methods', () => {
  it('every registered method, image methods then video methods in registry order, with its options as JSON Schema (defaults, ranges, descriptions)', async () => {
    const { url } = await startServer();
    const response = await fetch(`${url}/api/v1/methods`);
    expect(response.status).toBe(200);
    const listed = (await response.json()) as Listed[];
    expect(listed.map((m) => m.id)).toEqual([...methods, ...videoMethods].map((m) => m.id));
    const images = listed.filter((m) => m.kind === 'image');
    const videos = listed.filter((m) => m.kind === 'video');
    expect(images.map((m) => m.id)).toEqual(methods.map((m) => m.id));
    expect(videos.map((m) => m.id)).toEqual(videoMethods.map((m) => m.id));
    // One default of each kind: an image-only consumer that filters by kind still finds exactly one.
    expect(images.filter((m) => m.isDefault).map((m) => m.id)).toEqual([methods[0].id]);
    expect(videos.filter((m) => m.isDefault).map((m) => m.id)).toEqual([videoMethods[0].id]);
    for (const entry of listed) {
      const method = entry.kind === 'video' ? getVideoMethod(entry.id) : getMethod(entry.id);
      expect(entry).toMatchObject({ kind: method.kind, description: method.description, needsWeights: method.needsWeights, trainable: method.trainable });
      expect(entry.options.type).toBe('object');
      const defaults = Object.fromEntries(Object.entries(entry.options.properties).map(([name, p]) => [name, p.default]));
      expect(defaults).toEqual(parseOptions(method, {}));
      for (const [name, property] of Object.entries(entry.options.properties)) expect(property.description, `${entry.id}.${name}`).toBeTruthy();
    }
    const radius = listed.find((m) => m.id === 'telea')!.options.properties.radius;
    expect(radius).toMatchObject({ type: 'integer', default: 3, minimum: 1, maximum: 64 });
  });
});
