import { extname } from 'node:path';
import { InvalidOptionError } from '../core/errors.js';

export type OutputFormat = 'png' | 'jpeg' | 'webp';

const formatsByExtension: Readonly<Record<string, OutputFormat>> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};

/** The extensions an output file may end in, for messages and help. */
export const outputExtensions = Object.keys(formatsByExtension);

/** The format an output path asks for through its extension (case-insensitive). */
export function outputFormatOf(path: string): OutputFormat {
  const extension = extname(path).toLowerCase();
  const format = formatsByExtension[extension];
  if (!format) {
    throw new InvalidOptionError(
      `output ${path}`,
      `a file name ending in ${outputExtensions.join(', ')}`,
      extension || 'no extension',
    );
  }
  return format;
}
