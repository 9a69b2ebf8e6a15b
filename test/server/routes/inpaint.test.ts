import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headerOnlyPng } from '../../io/header-only-png.js';
import { compareOutsideBox, decodeRgb, errorOf, form, makeBoxMask, makeImage, useServers, type Box } from '../helpers.js';

const startServer = useServers();
const box: Box = { x0: 12, y0: 10, x1: 30, y1: 22 };

/** The fields of a telea request on a generated image with `box` as hole. */
async function teleaFields(width = 48, height = 36, seed = 0) {
  const image = await makeImage(width, height, seed);
  return { image, fields: { image: image.png, mask: await makeBoxMask(width, height, box), method: 'telea' } };
}

function post(url: string, body: FormData | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/v1/inpaint`, { method: 'POST', body, headers });
}

describe('POST /api/v1/inpaint', () => {
  it('telea, image + mask: a PNG of the same size, known pixels unchanged, hole filled', async () => {
    const { url } = await startServer();
    const { image, fields } = await teleaFields();
    const response = await post(url, form({ ...fields, options: '{"radius": 4}' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const output = await decodeRgb(await response.arrayBuffer());
    expect([output.width, output.height]).toEqual([48, 36]);
    const { knownDiffering, holeChanged } = compareOutsideBox(image.rgb, output.rgb, 48, 36, box);
    expect(knownDiffering).toBe(0);
    expect(holeChanged).toBeGreaterThan(0);
  });

  it('no method and no options: the default method (patchmatch) with its defaults', async () => {
    const { url } = await startServer();
    const { image, fields } = await teleaFields();
    const response = await post(url, form({ image: fields.image, mask: fields.mask }));
    expect(response.status).toBe(200);
    const output = await decodeRgb(await response.arrayBuffer());
    expect(compareOutsideBox(image.rgb, output.rgb, 48, 36, box).knownDiffering).toBe(0);
  });

  it('no mask field, image with alpha: transparent pixels are the hole, the answer is opaque', async () => {
    const { url } = await startServer();
    const { rgb } = await makeImage(48, 36, 3);
    const rgba = new Uint8Array(48 * 36 * 4);
    for (let i = 0; i < 48 * 36; i++) {
      rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
      const x = i % 48, y = Math.floor(i / 48);
      rgba[i * 4 + 3] = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1 ? 0 : 255;
    }
    const png = await sharp(rgba, { raw: { width: 48, height: 36, channels: 4 } }).png().toBuffer();
    const response = await post(url, form({ image: png, method: 'telea' }));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect((await sharp(bytes).metadata()).hasAlpha).toBe(false);
    const output = await decodeRgb(bytes);
    expect(compareOutsideBox(rgb, output.rgb, 48, 36, box).knownDiffering).toBe(0);
  });

  it('20 concurrent requests, each a different image and size, telea and patchmatch: each gets its own result', async () => {
    const { url } = await startServer({ limits: { maxConcurrent: 4 } });
    const requests = Array.from({ length: 20 }, async (_, seed) => {
      const width = 40 + seed, height = 32 + (seed % 5);
      const image = await makeImage(width, height, seed);
      const method = seed % 2 === 0 ? 'telea' : 'patchmatch';
      const options = method === 'patchmatch' ? '{"iterations": 1, "seed": 1}' : '{}';
      const response = await post(url, form({ image: image.png, mask: await makeBoxMask(width, height, box), method, options }));
      expect(response.status, `request ${seed}`).toBe(200);
      const output = await decodeRgb(await response.arrayBuffer());
      expect([output.width, output.height], `request ${seed}`).toEqual([width, height]);
      const { knownDiffering, holeChanged } = compareOutsideBox(image.rgb, output.rgb, width, height, box);
      expect(knownDiffering, `request ${seed}: known pixels that differ from its own input`).toBe(0);
      expect(holeChanged, `request ${seed}`).toBeGreaterThan(0);
    });
    await Promise.all(requests);
  });

  describe('bad input: 400 JSON naming the field', () => {
    it('no image field', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ mask: fields.mask, method: 'telea' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'image', received: 'no such field' });
    });

    it('corrupt image bytes', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const corrupt = fields.image.subarray(0, 60);
      const { status, error } = await errorOf(await post(url, form({ ...fields, image: corrupt })));
      expect(status).toBe(400);
      expect(error.code).toBe('invalid_input');
      expect(error.field).toBe('image');
      expect(error.expected).toContain('an image sharp can decode');
    });

    it('unknown method', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, method: 'telae' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'unknown_method', field: 'method', received: 'telae' });
      expect(error.expected).toContain('telea');
    });

    it('option out of range: telea radius 0', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, options: '{"radius": 0}' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_option', field: 'telea option radius', received: 0 });
      expect(error.expected).toContain('>=1');
    });

    it('option of the wrong type: patchmatch iterations "many"', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, method: 'patchmatch', options: '{"iterations": "many"}' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_option', field: 'patchmatch option iterations', expected: 'number', received: 'many' });
    });

    it('unknown option: misspelled, refused rather than ignored', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, options: '{"radious": 5}' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_option', field: 'radious' });
      expect(error.expected).toContain('radius');
    });

    it('options that are not a JSON object', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      for (const options of ['{radius: 5}', '[5]']) {
        const { status, error } = await errorOf(await post(url, form({ ...fields, options })));
        expect(status, options).toBe(400);
        expect(error, options).toMatchObject({ code: 'invalid_option', field: 'options' });
      }
    });

    it('mask of another size than the image', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields(48, 36);
      const mask = await makeBoxMask(32, 32, { x0: 1, y0: 1, x1: 5, y1: 5 });
      const { status, error } = await errorOf(await post(url, form({ ...fields, mask })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'size_mismatch', field: 'mask', expected: '48x36', received: '32x32' });
    });

    it('no mask and an image without alpha', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ image: fields.image, method: 'telea' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'mask', received: 'neither' });
    });

    it('a mask that covers the whole image', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields(20, 20);
      const mask = await makeBoxMask(20, 20, { x0: 0, y0: 0, x1: 20, y1: 20 });
      const { status, error } = await errorOf(await post(url, form({ ...fields, mask })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'mask_covers_everything', field: 'mask' });
    });

    it('an unknown field: refused, not ignored', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, methd: 'telea' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'methd', received: 'an unknown field' });
    });

    it('the image sent as a text field', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      const { status, error } = await errorOf(await post(url, form({ ...fields, image: 'not a file' })));
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'image', expected: 'a file' });
    });

    it('a body that is not multipart', async () => {
      const { url } = await startServer();
      const response = await post(url, '{"image": "x"}', { 'content-type': 'application/json' });
      const { status, error } = await errorOf(response);
      expect(status).toBe(400);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'request body', received: 'content type application/json' });
    });
  });

  describe('over the limits', () => {
    it('upload larger than maxUploadBytes: 413 naming the field', async () => {
      const { url } = await startServer({ limits: { maxUploadBytes: 20_000 } });
      const { fields } = await teleaFields();
      const noise = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251);
      const { status, error } = await errorOf(await post(url, form({ ...fields, image: noise })));
      expect(status).toBe(413);
      expect(error).toMatchObject({ code: 'upload_too_large', field: 'image', expected: 'at most 20000 bytes' });
    });

    it('more pixels than maxPixels: 422, judged from the header, naming the field', async () => {
      const { url } = await startServer({ limits: { maxPixels: 1000 } });
      const { fields } = await teleaFields(48, 36);
      const { status, error } = await errorOf(await post(url, form(fields)));
      expect(status).toBe(422);
      expect(error).toMatchObject({ code: 'too_many_pixels', field: 'image', expected: 'at most 1000 pixels', received: '48x36 = 1728 pixels' });
    });

    it('a decompression bomb over 268 megapixels (sharp\'s own limit): 422 like any image over maxPixels', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      for (const field of ['image', 'mask']) {
        const { status, error } = await errorOf(await post(url, form({ ...fields, [field]: headerOnlyPng(17000, 17000) })));
        expect(status).toBe(422);
        expect(error).toMatchObject({ code: 'too_many_pixels', field, received: '17000x17000 = 289000000 pixels' });
      }
    });

    it('an empty image or mask upload: 400 naming the field', async () => {
      const { url } = await startServer();
      const { fields } = await teleaFields();
      for (const field of ['image', 'mask']) {
        const { status, error } = await errorOf(await post(url, form({ ...fields, [field]: new Uint8Array(0) })));
        expect(status).toBe(400);
        expect(error).toMatchObject({ code: 'invalid_input', field, received: 'an empty file (0 bytes)' });
      }
    });

    it('work running past the time limit: 422 time_limit', async () => {
      const { url } = await startServer({ limits: { jobTimeLimitMs: 50 } });
      const image = await makeImage(160, 160, 1);
      const mask = await makeBoxMask(160, 160, { x0: 40, y0: 40, x1: 120, y1: 120 });
      const started = Date.now();
      const response = await post(url, form({ image: image.png, mask, method: 'patchmatch', options: '{"iterations": 50}' }));
      const { status, error } = await errorOf(response);
      expect(status).toBe(422);
      expect(error.code).toBe('time_limit');
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  it('a client that hangs up: its work stops and frees the slot for the next request', async () => {
    const { url } = await startServer({ limits: { maxConcurrent: 1 } });
    const image = await makeImage(256, 256, 5);
    const mask = await makeBoxMask(256, 256, { x0: 50, y0: 50, x1: 200, y1: 200 });
    const hangUp = new AbortController();
    const slow = fetch(`${url}/api/v1/inpaint`, {
      method: 'POST',
      body: form({ image: image.png, mask, method: 'patchmatch', options: '{"iterations": 50}' }),
      signal: hangUp.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    hangUp.abort();
    expect(await slow).toBeInstanceOf(Error);
    const started = Date.now();
    const { fields } = await teleaFields();
    expect((await post(url, form(fields))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a POST from a page of another origin: 403, nothing run', async () => {
    const { url } = await startServer();
    const { fields } = await teleaFields();
    const { status, error } = await errorOf(await post(url, form(fields), { origin: 'http://evil.example' }));
    expect(status).toBe(403);
    expect(error).toMatchObject({ code: 'cross_origin', received: 'http://evil.example' });
    const sameOrigin = await post(url, form(fields), { origin: url });
    expect(sameOrigin.status).toBe(200);
  });
});
