import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMethod, getVideoMethod, methods, videoMethods } from '../../../src/methods.js';
import { parseOptions } from '../../../src/registry/parse-options.js';
import { useTempFolder } from '../../io/temp-folder.js';
import { form, makeBoxMask, makeImage, useServers } from '../helpers.js';

const tempFolder = useTempFolder();
/** What a server started without weights offers: every method that needs none. */
const imageMethods = methods.filter((m) => !m.needsWeights);
const classicalVideoMethods = videoMethods.filter((m) => !m.needsWeights);
/** The network methods, image then video. */
const networks = [...methods, ...videoMethods].filter((m) => m.needsWeights);

const startServer = useServers();

interface Listed {
  id: string;
  isDefault: boolean;
  kind: string;
  description: string;
  options: { type: string; properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number; description?: string }> };
}

describe('GET /api/v1/methods', () => {
  it('every method that needs no weights, image methods then video methods in registry order, with its options as JSON Schema (defaults, ranges, descriptions)', async () => {
    const { url } = await startServer();
    const response = await fetch(`${url}/api/v1/methods`);
    expect(response.status).toBe(200);
    const listed = (await response.json()) as Listed[];
    expect(listed.map((m) => m.id)).toEqual([...imageMethods, ...classicalVideoMethods].map((m) => m.id));
    const images = listed.filter((m) => m.kind === 'image');
    const videos = listed.filter((m) => m.kind === 'video');
    expect(images.map((m) => m.id)).toEqual(imageMethods.map((m) => m.id));
    expect(videos.map((m) => m.id)).toEqual(classicalVideoMethods.map((m) => m.id));
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
    // A video method picks among the image methods this server offers, not every registered one.
    const imageMethod = listed.find((m) => m.id === 'per-frame')!.options.properties.imageMethod as { enum?: string[] };
    expect(imageMethod.enum).toEqual(imageMethods.map((m) => m.id));
    const radius = listed.find((m) => m.id === 'telea')!.options.properties.radius;
    expect(radius).toMatchObject({ type: 'integer', default: 3, minimum: 1, maximum: 64 });
  });

  it('a network method is offered with the weights the server was started with, and without a weights option', async () => {
    expect(networks.length).toBeGreaterThan(0);
    const file = join(await tempFolder(), 'generator.safetensors');
    await writeFile(file, 'not read until a request uses it');
    const weights = Object.fromEntries(networks.map((m) => [m.id, file]));
    const { url } = await startServer({ weights });
    const listed = (await (await fetch(`${url}/api/v1/methods`)).json()) as Listed[];
    expect(listed.map((m) => m.id)).toEqual([...methods, ...videoMethods].map((m) => m.id));
    for (const network of networks) {
      expect(Object.keys(listed.find((m) => m.id === network.id)!.options.properties ?? {})).not.toContain('weights');
    }
  });

  it('a request cannot name a weights file, and a network the server has no weights for is refused', async () => {
    const network = networks[0].id;
    const file = join(await tempFolder(), 'generator.safetensors');
    await writeFile(file, 'x');
    const withWeights = await startServer({ weights: { [network]: file } });
    const { png } = await makeImage(32, 24);
    const mask = await makeBoxMask(32, 24, { x0: 8, y0: 8, x1: 16, y1: 16 });
    const post = (url: string, fields: Record<string, string>) =>
      fetch(`${url}/api/v1/inpaint`, { method: 'POST', body: form({ image: png, mask, ...fields }) });
    const named = await post(withWeights.url, { method: network, options: JSON.stringify({ weights: '/etc/passwd' }) });
    expect(named.status).toBe(400);
    expect((await named.json()).error.message).toMatch(/weights/);
    const without = await startServer();
    const refused = await post(without.url, { method: network });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(new RegExp(`${network} needs weights`));
  });

  it('refuses to start with weights for a method that takes none, or a file that is not there', async () => {
    await expect(startServer({ weights: { telea: '/dev/null' } })).rejects.toThrow(/a method that takes weights/);
    await expect(startServer({ weights: { [networks[0].id]: '/nonexistent/generator.safetensors' } })).rejects.toThrow(/no such file/);
  });
});
