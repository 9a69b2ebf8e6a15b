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
  return { ...input, limits };
}
