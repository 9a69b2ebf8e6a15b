import type { ImageMethod } from '../registry/method.js';
import { optionsJsonSchema } from '../registry/options-json-schema.js';
import { summariseMethod, type MethodSummary } from '../registry/method-summary.js';
import { methods, registry, videoMethods } from '../methods.js';
import type { VideoMethod } from '../registry/video-method.js';

/** One option of a method, as `inpaint methods` shows it. */
export interface OptionInfo {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Accepted values, for options that are a choice. */
  readonly choices?: readonly unknown[];
  readonly description?: string;
}

export interface MethodInfo extends MethodSummary {
  readonly options: readonly OptionInfo[];
}

/** Every registered method, image methods then video methods, from its entry and option schema. */
export function describeMethods(): MethodInfo[] {
  return [...methods, ...videoMethods].map(describeMethod);
}

function describeMethod(method: ImageMethod | VideoMethod): MethodInfo {
  return { ...summariseMethod(method, registry), options: describeOptions(method) };
}

/** The options of a schema (a method's, or a network's training options), from its JSON Schema. */
export function describeOptions(owner: Pick<ImageMethod, 'options'>): OptionInfo[] {
  const schema = optionsJsonSchema(owner);
  return Object.entries(schema.properties ?? {}).map(([name, p]): OptionInfo => ({
    name,
    type: p.type ?? 'any',
    ...(p.default !== undefined && { default: p.default }),
    ...(p.minimum !== undefined && { minimum: p.minimum }),
    // zod's .int() alone sets the largest safe integer as maximum: no bound worth showing.
    ...(p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER && { maximum: p.maximum }),
    ...(p.enum !== undefined && { choices: p.enum }),
    ...(p.description !== undefined && { description: p.description }),
  }));
}

/** The catalogue as text for a terminal: each method, then its options one a line. */
export function formatMethods(infos: readonly MethodInfo[]): string {
  return infos
    .map((info) => {
      const head = `${info.id} (${info.kind}${info.isDefault ? ', default' : ''}): ${info.description}`;
      if (info.options.length === 0) return `${head}\n  (no options)`;
      return [head, ...formatOptions(info.options)].join('\n');
    })
    .join('\n\n');
}

/** One line per option: `--set name=default`, type and range, description; columns aligned. */
export function formatOptions(options: readonly OptionInfo[]): string[] {
  const rows = options.map((o) => [`--set ${o.name}=${o.default ?? '...'}`, typeAndRange(o), o.description ?? '']);
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`.trimEnd());
}

function typeAndRange(option: OptionInfo): string {
  if (option.choices) return option.choices.join('|');
  const { minimum, maximum } = option;
  if (minimum !== undefined && maximum !== undefined) return `${option.type} ${minimum}..${maximum}`;
  if (minimum !== undefined) return `${option.type} >= ${minimum}`;
  if (maximum !== undefined) return `${option.type} <= ${maximum}`;
  return option.type;
}
