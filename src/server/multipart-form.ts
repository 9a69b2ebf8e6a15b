import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../core/errors.js';
import { UploadTooLargeError } from './errors.js';

/** The fields a form may hold: which are files and which are text. Anything else is refused. */
export interface FormSpec {
  readonly files: readonly string[];
  readonly texts: readonly string[];
}

export interface UploadedForm {
  readonly files: ReadonlyMap<string, Buffer>;
  readonly texts: ReadonlyMap<string, string>;
  /** Files kept on disk (`UploadDestination.keepOnDisk`): the path of each, by field. */
  readonly saved: ReadonlyMap<string, string>;
}

/**
 * Where uploaded files go as they arrive: every file is written to disk, never gathered in
 * memory while a (maybe slow) client sends it. `path` is asked once per file field, when its
 * part starts, and must name a new file. Fields in `keepOnDisk` stay there (a video can be
 * large); the others are read back into memory once the whole form has arrived.
 */
export interface UploadDestination {
  readonly keepOnDisk: readonly string[];
  path(field: string): Promise<string>;
}

/** Longest text field (method, options JSON, kind): options are a few dozen numbers. */
const maxTextFieldBytes = 64 * 1024;

/**
 * Reads a whole multipart form, its files through `destination`, each file at most
 * `maxFileBytes` (UploadTooLargeError naming the field). Strict, since a misspelled field silently ignored would run with defaults:
 * an unknown or repeated field, or a file sent where text is expected (or the reverse), is refused.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  spec: FormSpec,
  maxFileBytes: number,
  destination: UploadDestination,
): Promise<UploadedForm> {
  if (!request.isMultipart()) {
    throw new InvalidInputError('request body', `multipart/form-data with the fields ${fieldList(spec)}`, describeContentType(request));
  }
  const files = new Map<string, Buffer>();
  const texts = new Map<string, string>();
  const saved = new Map<string, string>();
  const limits = {
    fileSize: maxFileBytes,
    files: spec.files.length,
    fields: spec.texts.length,
    fieldSize: maxTextFieldBytes,
    parts: spec.files.length + spec.texts.length,
  };
  try {
    for await (const part of request.parts({ limits })) {
      const name = part.fieldname;
      if (files.has(name) || texts.has(name) || saved.has(name)) throw new InvalidInputError(name, 'the field once', 'it several times');
      if (part.type === 'file') {
        if (!spec.files.includes(name)) throw unexpectedField(name, spec, 'a file');
        const path = await destination.path(name);
        await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
        // Past the limit the part ends early, truncated: what was written is not the file.
        if (part.file.truncated) throw new UploadTooLargeError(name, maxFileBytes);
        saved.set(name, path);
      } else {
        if (!spec.texts.includes(name)) throw unexpectedField(name, spec, 'a text field');
        if (part.valueTruncated) throw new UploadTooLargeError(name, maxTextFieldBytes);
        texts.set(name, String(part.value));
      }
    }
  } catch (error) {
    throw asUploadError(error, maxFileBytes, spec);
  }
  for (const [name, path] of saved) {
    if (destination.keepOnDisk.includes(name)) continue;
    files.set(name, await readFile(path));
    saved.delete(name);
  }
  return { files, texts, saved };
}

function unexpectedField(name: string, spec: FormSpec, sent: string): InvalidInputError {
  if (spec.files.includes(name)) return new InvalidInputError(name, 'a file', sent);
  if (spec.texts.includes(name)) return new InvalidInputError(name, 'a text field', sent);
  return new InvalidInputError(name, `one of the fields ${fieldList(spec)}`, 'an unknown field');
}

/** The multipart plugin's limit errors, as errors that name the field and the limit. */
function asUploadError(error: unknown, maxFileBytes: number, spec: FormSpec): unknown {
  const { code, part } = error as { code?: unknown; part?: { fieldname?: string } };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new UploadTooLargeError(part?.fieldname ?? 'file', maxFileBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new InvalidInputError('request body', `at most the fields ${fieldList(spec)}`, 'more fields than that');
  }
  return error;
}

function fieldList(spec: FormSpec): string {
  return [...spec.files, ...spec.texts].join(', ');
}

function describeContentType(request: FastifyRequest): string {
  const type = request.headers['content-type'];
  return type ? `content type ${type.split(';')[0]}` : 'no content type';
}
