/** The subset of JSON Schema the server sends for a method's options (zod's `toJSONSchema`). */
export interface OptionSchema {
  readonly type?: 'number' | 'integer' | 'boolean' | 'string';
  readonly default?: unknown;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly (string | number)[];
}

export interface OptionsSchema {
  readonly type?: 'object';
  readonly properties?: Readonly<Record<string, OptionSchema>>;
}

/** One entry of `GET /api/v1/methods`. */
export interface MethodInfo {
  readonly id: string;
  /** The method used when none is named. */
  readonly isDefault?: boolean;
  readonly description: string;
  readonly kind: 'image' | 'video';
  readonly needsWeights: boolean;
  readonly trainable: boolean;
  readonly options: OptionsSchema;
}
