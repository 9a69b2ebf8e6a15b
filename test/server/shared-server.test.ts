import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { form, makeBoxMask, makeImage, useServers, waitFor } from './helpers.js';

const startServer = useServers();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const token = 'correct-horse-battery';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with headers of our choosing, the Host header included (fetch would not send that one). */
function get(url: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, url), { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Opens a connection, sends `text` and nothing more; resolves with what the server answered once it closed the connection. */
function sendAndHold(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function jobFields() {
  const image = await makeImage(48, 36, 1);
  return { image: image.png, mask: await makeBoxMask(48, 36, { x0: 10, y0: 10, x1: 20, y1: 20 }), method: 'telea' };
}

describe('a server started with a token', () => {
  it('answers API requests only with Authorization: Bearer <token>: 401 without it or with another, the page stays public', async () => {
    const { url } = await startServer({ token });
    const without = await get(url, '/api/v1/methods', {});
    expect(without.status).toBe(401);
    expect(without.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(without.body).error).toMatchObject({ code: 'unauthorized', field: 'authorization' });
    const wrong = await get(url, '/api/v1/methods', { authorization: 'Bearer correct-horse-battery-staple' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.message).toMatch(/not this server's/);
    expect((await get(url, '/api/v1/methods', { authorization: 'Basic Y29ycmVjdA==' })).status).toBe(401);
    expect((await get(url, '/api/v1/methods', { authorization: `Bearer ${token}` })).status).toBe(200);
    // Job routes too, before anything is looked up.
    expect((await get(url, '/api/v1/jobs/abc/result', {})).status).toBe(401);
    const posted = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(await jobFields()) });
    expect(posted.status).toBe(401);
    // The page is not the API: it asks for the token itself (a missing web root answers 404, not 401).
    expect((await get(url, '/', {})).status).not.toBe(401);
  });

  it('refuses a token too short to be one', async () => {
    await expect(startServer({ token: 'abc' })).rejects.toThrow(/token/);
  });
});

describe('the Host header', () => {
  it('a foreign host is refused even with a matching Origin (DNS rebinding); loopback names and allowed hosts pass', async () => {
    const { url } = await startServer({ allowedHosts: ['inpaint.example.org'] });
    const port = new URL(url).port;
    const rebound = await get(url, '/api/v1/methods', { host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toMatchObject({ code: 'host_not_allowed', field: 'host', received: `evil.example:${port}` });
    expect((await get(url, '/', { host: `evil.example:${port}` })).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'INPAINT.example.org', `inpaint.example.org:${port}`]) {
      expect((await get(url, '/api/v1/methods', { host })).status, host).toBe(200);
    }
    // An address other than loopback passes only for a server that listens on every interface.
    expect((await get(url, '/api/v1/methods', { host: `192.0.2.7:${port}` })).status).toBe(403);
    const everywhere = await startServer({ allowIpHosts: true });
    expect((await get(everywhere.url, '/api/v1/methods', { host: `192.0.2.7:${port}` })).status).toBe(200);
    expect((await get(everywhere.url, '/api/v1/methods', { host: `evil.example:${port}` })).status).toBe(403);
  });
});

describe('slow clients', () => {
  it('headers not finished within headersTimeoutMs: the connection is cut', async () => {
    const { url } = await startServer({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const answer = await sendAndHold(url, 'GET /api/v1/methods HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });

  it('an upload not finished within requestTimeoutMs: the connection is cut and nothing of it stays', async () => {
    const resultsRoot = await mkdtemp(join(tmpdir(), 'inpaint-server-'));
    made.push(resultsRoot);
    const { url } = await startServer({ resultsRoot, limits: { headersTimeoutMs: 500, requestTimeoutMs: 1500 } });
    const head = [
      'POST /api/v1/jobs HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: multipart/form-data; boundary=b0undary',
      'Content-Length: 100000',
      '',
      '--b0undary',
      'Content-Disposition: form-data; name="image"; filename="a.png"',
      'Content-Type: image/png',
      '',
      'x'.repeat(2000),
    ].join('\r\n');
    const answer = await sendAndHold(url, head);
    expect(answer).toMatch(/^HTTP\/1.1 408|^$/);
    await waitFor(async () => (await readdir(resultsRoot)).length === 0);
  });
});

describe('uploads', () => {
  it('are written to disk as they arrive and hold a place in the queue: beyond its bounds, 429 before the body is read', async () => {
    const resultsRoot = await mkdtemp(join(tmpdir(), 'inpaint-server-'));
    made.push(resultsRoot);
    const { url } = await startServer({ resultsRoot, limits: { maxConcurrent: 1, maxQueued: 0 } });
    const chunk = 'y'.repeat(256 * 1024);
    const head = [
      'POST /api/v1/jobs HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: multipart/form-data; boundary=b0undary',
      'Content-Length: 10000000',
      '',
      '--b0undary',
      'Content-Disposition: form-data; name="image"; filename="a.png"',
      'Content-Type: image/png',
      '',
      chunk,
    ].join('\r\n');
    const held = sendAndHold(url, head);
    // The upload so far is on disk in the job's folder, not in the server's memory.
    let uploaded = '';
    await waitFor(async () => {
      const [folder] = await readdir(resultsRoot);
      if (!folder) return false;
      uploaded = join(resultsRoot, folder, 'upload-image');
      return (await stat(uploaded).catch(() => null))?.size === chunk.length;
    }, 20_000);
    const refused = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(await jobFields()) });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('queue_full');
    void held;
  });
});

describe('DELETE of a finished job', () => {
  it('removes its result at once: the job and its result are gone (404), and so is its folder', async () => {
    const resultsRoot = await mkdtemp(join(tmpdir(), 'inpaint-server-'));
    made.push(resultsRoot);
    const { url } = await startServer({ resultsRoot });
    const posted = await fetch(`${url}/api/v1/jobs`, { method: 'POST', body: form(await jobFields()) });
    const { id } = (await posted.json()) as { id: string };
    let ended = { state: 'queued' };
    await waitFor(async () => {
      ended = (await (await fetch(`${url}/api/v1/jobs/${id}`)).json()) as { state: string };
      return ended.state !== 'queued' && ended.state !== 'running';
    }, 20_000);
    expect(ended).toMatchObject({ state: 'done' });
    expect((await fetch(`${url}/api/v1/jobs/${id}/result`)).status).toBe(200);
    const deleted = await fetch(`${url}/api/v1/jobs/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect((await fetch(`${url}/api/v1/jobs/${id}/result`)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/jobs/${id}`)).status).toBe(404);
    expect(await readdir(resultsRoot)).toEqual([]);
  });
});
