import { InvalidOptionError } from '../core/errors.js';

/** What one server accepts; every limit is answered with its own HTTP status when exceeded. */
export interface ServerLimits {
  /** Largest uploaded file (image or mask), in bytes; beyond: 413. @default 33554432 (32 MiB) */
  readonly maxUploadBytes: number;
  /** Most pixels an image, a mask or one video frame may have, read from its header before decoding; beyond: 422. @default 40000000 */
  readonly maxPixels: number;
  /** Most frames a video job's video may have; beyond: 422. @default 3000 */
  readonly maxVideoFrames: number;
  /** Longest a video job's video may play, in seconds; beyond: 422. @default 120 */
  readonly maxVideoSeconds: number;
  /** Pieces of work (requests to /inpaint and jobs together) running at once. @default 2 */
  readonly maxConcurrent: number;
  /** Pieces of work waiting for a free slot; beyond: 429. @default 32 */
  readonly maxQueued: number;
  /** Longest a piece of work may run once started, in ms; beyond, it fails with a time-limit error. @default 600000 */
  readonly jobTimeLimitMs: number;
  /** How long a finished job and its result folder are kept, in ms. @default 3600000 */
  readonly resultTtlMs: number;
  /** Longest a client may take to send a request's headers, in ms; then the connection is cut. @default 20000 */
  readonly headersTimeoutMs: number;
  /** Longest a client may take to send a whole request (an upload included), in ms; then the connection is cut. @default 300000 */
  readonly requestTimeoutMs: number;
}

export interface ServerConfig {
  readonly limits: ServerLimits;
  /**
   * Folder that holds one sub-folder per job. Left out, a fresh temporary folder is made, and
   * removed when the server closes.
   */
  readonly resultsRoot?: string;
  /** Folder of the built web page (web/dist); left out, the package's own web/dist. */
  readonly webRoot?: string;
  /** Log requests to stdout (pino, through Fastify). @default false */
  readonly logger?: boolean;
  /**
   * Weights files of network methods, by method id (`{ deepfillv2: 'generator.safetensors' }`). A
   * method that needs weights is offered only with a file here; requests cannot name one.
   */
  readonly weights?: Readonly<Record<string, string>>;
  /** When set, every API request needs `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
  /**
   * Host names (the Host header, port aside) the server answers for besides the loopback ones;
   * a request for any other is refused (403), which defeats DNS rebinding. @default []
   */
  readonly allowedHosts?: readonly string[];
  /** Also answer requests whose Host is an IP address (a server listening on every interface). @default false */
  readonly allowIpHosts?: boolean;
}

export const defaultLimits: ServerLimits = {
  maxUploadBytes: 32 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxVideoFrames: 3000,
  maxVideoSeconds: 120,
  maxConcurrent: 2,
  maxQueued: 32,
  jobTimeLimitMs: 10 * 60 * 1000,
  resultTtlMs: 60 * 60 * 1000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 5 * 60 * 1000,
};

/** A configuration with every limit not given taken from `defaultLimits`. */
export interface ServerConfigInput extends Omit<ServerConfig, 'limits'> {
  readonly limits?: Partial<ServerLimits>;
}

/** Fills in the default limits and checks each: whole numbers, at least 1 (maxQueued at least 0). */
export function resolveServerConfig(input: ServerConfigInput = {}): ServerConfig {
  const limits = { ...defaultLimits, ...input.limits };
  for (const [name, value] of Object.entries(limits)) {
    const min = name === 'maxQueued' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new InvalidOptionError(`limits.${name}`, `an integer >= ${min}`, value);
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new InvalidOptionError('limits.headersTimeoutMs', `at most limits.requestTimeoutMs (${limits.requestTimeoutMs})`, limits.headersTimeoutMs);
  }
  if (input.token !== undefined && !/^[\x21-\x7e]{8,}$/.test(input.token)) {
    throw new InvalidOptionError('token', 'at least 8 printable characters without spaces', `${input.token.length} characters`);
  }
  return { ...input, limits };
}
