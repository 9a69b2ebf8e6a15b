import { describe, expect, it } from 'vitest';
import { getMethod, getVideoMethod, methods, videoMethods } from '../../src/methods.js';
import { parseOptions } from '../../src/registry/parse-options.js';
import { runInpaint } from './built-cli.js';

interface Listed {
  id: string;
  kind: 'image' | 'video';
  description: string;
  options: { name: string; type: string; default?: unknown; minimum?: number; maximum?: number; description?: string }[];
}

describe('inpaint methods', () => {
  it('--json: every registered method, image then video, with each option and its default', () => {
    const result = runInpaint(['methods', '--json']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as Listed[];
    expect(listed.map((m) => m.id)).toEqual([...methods, ...videoMethods].map((m) => m.id));
    expect(listed.map((m) => m.id)).toEqual(expect.arrayContaining(['telea', 'patchmatch', 'propagate', 'per-frame']));
    for (const entry of listed) {
      const method = entry.kind === 'video' ? getVideoMethod(entry.id) : getMethod(entry.id);
      const defaults = parseOptions(method, {});
      expect(entry.description).toBe(method.description);
      expect(Object.fromEntries(entry.options.map((o) => [o.name, o.default]))).toEqual(defaults);
      for (const option of entry.options) expect(option.description, `${entry.id}.${option.name}`).toBeTruthy();
    }
    const radius = listed.find((m) => m.id === 'telea')!.options.find((o) => o.name === 'radius')!;
    expect(radius).toMatchObject({ type: 'integer', default: 3, minimum: 1 });
  });

  it('text: a heading per method and a --set line per option', () => {
    const result = runInpaint(['methods']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^telea \(image\): /m);
    expect(result.stdout).toMatch(/^patchmatch \(image, default\): /m);
    expect(result.stdout).toMatch(/^propagate \(video, default\): /m);
    expect(result.stdout).toMatch(/--set radius=3 +integer 1\.\.64 /);
  });
});
