import type { MaskFramesJson } from '../../src/io/mask-runs.js';
import type { MethodInfo } from './method-info.js';

const base = '/api/v1';

/** An error answered by the server (`{ error: { code, message, field?, ... } }`) or a failed request. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 where no answer tells one (the server unreachable, a job that failed). */
    readonly status: number,
    readonly code: string,
    /** The request field or option at fault, when the server names one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface JobInput {
  readonly image: Blob;
  readonly mask: Blob;
  readonly method: string;
  readonly options: Record<string, unknown>;
}

export interface VideoJobInput {
  readonly video: File;
  /** A mask image (the same hole in every frame), a mask video (one mask per frame), or mask frames JSON. */
  readonly mask: File;
  readonly method: string;
  readonly options: Record<string, unknown>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the page reads of a job's status (`GET /api/v1/jobs/:id`, and the data of state events). */
export interface JobStatus {
  readonly id: string;
  readonly state: JobState;
  readonly progress: number;
  readonly stage?: string;
}

export interface JobListener {
  onState?(status: JobStatus): void;
  onProgress?(fraction: number, stage?: string): void;
}

/** How a job ended, as its event stream tells. */
export type JobEnd = { readonly state: 'done' } | { readonly state: 'cancelled' } | { readonly state: 'failed'; readonly error: ApiError };

/**
 * The server's methods, or undefined when no inpaint server answers: the page opened from a
 * static host or file server, which has no API (unreachable, an error page, or a page of HTML
 * where the method list should be).
 */
export async function serverMethods(): Promise<MethodInfo[] | undefined> {
  const url = `${base}/methods`;
  let response: Response;
  try {
    response = await send(url, { headers: { accept: 'application/json' } });
  } catch {
    return undefined;
  }
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  if (!response.ok) {
    // The server is there but refuses (401 without its token): the usual request asks for the token, or says why.
    return (await request(url)).json();
  }
  const listed: unknown = await response.json().catch(() => undefined);
  return Array.isArray(listed) ? (listed as MethodInfo[]) : undefined;
}

/** Queues an inpainting job and returns its id. */
export async function startJob(input: JobInput): Promise<string> {
  const form = new FormData();
  form.append('method', input.method);
  form.append('options', JSON.stringify(input.options));
  form.append('image', input.image, 'image.png');
  form.append('mask', input.mask, 'mask.png');
  return submitJob(form);
}

/** Queues a video job (the clip and its mask image or mask video, as the user chose them) and returns its id. */
export async function startVideoJob(input: VideoJobInput): Promise<string> {
  const form = new FormData();
  form.append('kind', 'video');
  form.append('method', input.method);
  form.append('options', JSON.stringify(input.options));
  form.append('video', input.video, input.video.name);
  form.append('mask', input.mask, input.mask.name);
  return submitJob(form);
}

/** What the server reads of a video (after the checks of a video job): its size, rate and frames. */
export interface VideoInfo {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frameCount: number;
}

export async function videoInfo(video: File): Promise<VideoInfo> {
  const form = new FormData();
  form.append('video', video, video.name);
  return (await request(`${base}/video-info`, { method: 'POST', body: form })).json();
}

/** Masks for every frame of the clip, tracked from the key frames' masks by the server. */
export async function trackMasks(video: File, keys: MaskFramesJson, signal?: AbortSignal): Promise<MaskFramesJson> {
  const form = new FormData();
  form.append('video', video, video.name);
  form.append('keys', new Blob([JSON.stringify(keys)], { type: 'application/json' }), 'keys.json');
  return (await request(`${base}/track`, { method: 'POST', body: form, signal })).json();
}

async function submitJob(form: FormData): Promise<string> {
  const status = (await (await request(`${base}/jobs`, { method: 'POST', body: form })).json()) as JobStatus;
  return status.id;
}

/** Cancels a job; answers once its work has stopped, with its final status (`done` if it ended first). */
export async function cancelJob(id: string): Promise<JobStatus> {
  return (await request(`${base}/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' })).json();
}

export async function fetchResult(id: string, signal?: AbortSignal): Promise<Blob> {
  return (await request(`${base}/jobs/${encodeURIComponent(id)}/result`, { signal })).blob();
}

/**
 * Follows a job's server-sent events (`state`, `progress`, then one of `done`, `failed`,
 * `cancelled`) until the job ends; `signal` stops following, not the job. Read with fetch rather
 * than EventSource, which would silently reconnect and hide the HTTP status of a refused stream.
 */
export async function followJob(
  id: string,
  listener: JobListener,
  signal?: AbortSignal,
): Promise<JobEnd> {
  const response = await request(`${base}/jobs/${encodeURIComponent(id)}/events`, {
    headers: { accept: 'text/event-stream' },
    signal,
  });
  if (!response.body) throw new ApiError('the job event stream has no body', response.status, 'no_stream');
  for await (const { event, data } of serverSentEvents(response.body)) {
    const payload = data ? (JSON.parse(data) as Record<string, unknown>) : {};
    switch (event) {
      case 'state':
        listener.onState?.(payload as unknown as JobStatus);
        break;
      case 'progress':
        listener.onProgress?.(Number(payload.fraction), payload.stage as string | undefined);
        break;
      case 'done':
        return { state: 'done' };
      case 'cancelled':
        return { state: 'cancelled' };
      case 'failed':
        return { state: 'failed', error: errorFromBody(payload, 0) };
    }
  }
  throw new ApiError('the job event stream ended before the job did', response.status, 'stream_ended');
}

/** Where the page keeps the server's token for the rest of the browser session. */
const tokenKey = 'inpaint-token';

/**
 * A request to the API, with the server's token when the page has one. A server started with
 * `--token` answers 401 without it: the page then asks for the token (once, kept for the session)
 * and sends the request again; a token refused is asked for anew.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  for (;;) {
    const response = await send(url, init);
    if (response.ok) return response;
    if (response.status === 401 && askForToken(sessionStorage.getItem(tokenKey) !== null)) continue;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`the server answered ${response.status} ${response.statusText}`, response.status, 'http');
    }
    throw errorFromBody(body, response.status);
  }
}

async function send(url: string, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  const token = sessionStorage.getItem(tokenKey);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetch(url, { ...init, headers });
  } catch (cause) {
    if (init?.signal?.aborted) throw cause;
    throw new ApiError(`cannot reach the server (${(cause as Error).message})`, 0, 'network');
  }
}

/** Asks the user for the server's token; false when they decline. */
function askForToken(refused: boolean): boolean {
  const token = window.prompt(refused ? 'The server refused that token. Its token:' : 'This server needs its token (inpaint serve --token):');
  if (!token) return false;
  sessionStorage.setItem(tokenKey, token.trim());
  return true;
}

function errorFromBody(body: unknown, status: number): ApiError {
  const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  return new ApiError(error?.message ?? `request failed (${status})`, status, error?.code ?? 'unknown', error?.field);
}

/** Parses a text/event-stream body into its events (event name defaults to "message"). */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          // Lenient: a named event without data ("event: done") still counts.
          if (data.length > 0 || event !== 'message') yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const name = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (name === 'event') event = value;
          else if (name === 'data') data.push(value);
        }
      }
    }
  } finally {
    // Closes the connection: the server may keep the stream open after the last event.
    await reader.cancel().catch(() => undefined);
  }
}
