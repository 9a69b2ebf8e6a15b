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
  const schema = optionsJsonSchema(method);
  const options = Object.entries(schema.properties ?? {}).map(([name, p]): OptionInfo => ({
    name,
    type: p.type ?? 'any',
    ...(p.default !== undefined && { default: p.default }),
    ...(p.minimum !== undefined && { minimum: p.minimum }),
    ...(p.maximum !== undefined && { maximum: p.maximum }),
    ...(p.enum !== undefined && { choices: p.enum }),
    ...(p.description !== undefined && { description: p.description }),
  }));
  return { ...summariseMethod(method, registry), options };
}

/** The catalogue as text for a terminal: each method, then its options one a line. */
export function formatMethods(infos: readonly MethodInfo[]): string {
  return infos
    .map((info) => {
      const head = `${info.id} (${info.kind}${info.isDefault ? ', default' : ''}): ${info.description}`;
      if (info.options.length === 0) return `${head}\n  (no options)`;
      const rows = info.options.map((o) => [`--set ${o.name}=${o.default ?? '...'}`, typeAndRange(o), o.description ?? '']);
      const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
      const lines = rows.map((r) => `  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`.trimEnd());
      return [head, ...lines].join('\n');
    })
    .join('\n\n');
}

function typeAndRange(option: OptionInfo): string {
  if (option.choices) return option.choices.join('|');
  const { minimum, maximum } = option;
  if (minimum !== undefined && maximum !== undefined) return `${option.type} ${minimum}..${maximum}`;
  if (minimum !== undefined) return `${option.type} >= ${minimum}`;
  if (maximum !== undefined) return `${option.type} <= ${maximum}`;
  return option.type;
}
