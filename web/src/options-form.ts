import type { MethodInfo, OptionSchema } from './method-info.js';

/** A value the form refuses before anything is sent, named like the server names its fields. */
export interface OptionProblem {
  readonly option: string;
  readonly message: string;
}

type OptionsReading = { readonly values: Record<string, unknown> } | { readonly problem: OptionProblem };

/**
 * The option fields of each method, generated from the JSON Schema the server sends, so the page
 * never spells an option differently from the registry. Each method keeps its own fields, so
 * switching methods back and forth keeps what was typed.
 */
export class OptionsForm {
  private readonly fieldsets = new Map<string, HTMLFieldSetElement>();
  private current?: { method: MethodInfo; fieldset: HTMLFieldSetElement };

  constructor(private readonly form: HTMLFormElement) {}

  show(method: MethodInfo): void {
    let fieldset = this.fieldsets.get(method.id);
    if (!fieldset) {
      fieldset = buildFieldset(method);
      this.fieldsets.set(method.id, fieldset);
      this.form.append(fieldset);
    }
    for (const other of this.fieldsets.values()) other.hidden = other !== fieldset;
    this.current = { method, fieldset };
  }

  /** The options typed in; empty fields are left out so the server fills in their defaults. */
  read(): OptionsReading {
    this.clearProblems();
    if (!this.current) return { values: {} };
    const values: Record<string, unknown> = {};
    for (const [option, schema] of Object.entries(this.current.method.options.properties ?? {})) {
      const input = this.input(option);
      if (!input) continue;
      if (schema.type === 'boolean') {
        values[option] = (input as HTMLInputElement).checked;
        continue;
      }
      if (input.value === '') continue;
      if (!input.checkValidity()) {
        const problem = { option, message: `${label(option)}: ${input.validationMessage}` };
        this.markProblem(problem.option, problem.message);
        return { problem };
      }
      values[option] = schema.type === 'number' || schema.type === 'integer' ? Number(input.value) : input.value;
    }
    return { values };
  }

  /**
   * Shows a message under the option a server error names (its `field` may be `radius`,
   * `options.radius` or `telea option radius`). Returns whether such an option is on the form.
   */
  markProblem(field: string, message: string): boolean {
    const option = Object.keys(this.current?.method.options.properties ?? {}).find(
      (key) => field === key || field.endsWith(`.${key}`) || field.endsWith(` ${key}`),
    );
    const input = option && this.input(option);
    if (!input) return false;
    input.setAttribute('aria-invalid', 'true');
    const error = input.closest('.option')?.querySelector<HTMLElement>('.option-error');
    if (error) {
      error.textContent = message;
      error.hidden = false;
    }
    input.focus();
    return true;
  }

  clearProblems(): void {
    for (const input of this.form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    for (const error of this.form.querySelectorAll<HTMLElement>('.option-error')) error.hidden = true;
  }

  private input(option: string): HTMLInputElement | HTMLSelectElement | null {
    return this.current?.fieldset.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(option)}"]`) ?? null;
  }
}

function buildFieldset(method: MethodInfo): HTMLFieldSetElement {
  const fieldset = document.createElement('fieldset');
  fieldset.dataset.method = method.id;
  const properties = Object.entries(method.options.properties ?? {});
  if (properties.length === 0) {
    fieldset.append(paragraph('help', `${method.id} has no options.`));
  }
  for (const [option, schema] of properties) fieldset.append(buildOption(method.id, option, schema));
  return fieldset;
}

function buildOption(methodId: string, option: string, schema: OptionSchema): HTMLElement {
  const id = `option-${methodId}-${option}`;
  const row = document.createElement('div');
  row.className = 'option';
  const labelElement = document.createElement('label');
  labelElement.htmlFor = id;
  labelElement.textContent = label(option);
  labelElement.title = option;

  const input = buildInput(schema);
  input.id = id;
  input.name = option;
  const help = paragraph('help', helpText(schema));
  help.id = `${id}-help`;
  input.setAttribute('aria-describedby', help.id);
  const error = paragraph('option-error', '');
  error.hidden = true;

  row.append(labelElement, input, help, error);
  return row;
}

function buildInput(schema: OptionSchema): HTMLInputElement | HTMLSelectElement {
  if (schema.enum) {
    const select = document.createElement('select');
    for (const value of schema.enum) select.append(new Option(String(value), String(value), false, value === schema.default));
    return select;
  }
  const input = document.createElement('input');
  switch (schema.type) {
    case 'boolean':
      input.type = 'checkbox';
      input.checked = schema.default === true;
      return input;
    case 'integer':
    case 'number':
      input.type = 'number';
      input.step = schema.type === 'integer' ? '1' : 'any';
      if (schema.minimum !== undefined) input.min = String(schema.minimum);
      if (schema.maximum !== undefined) input.max = String(schema.maximum);
      break;
    default:
      input.type = 'text';
  }
  if (schema.default !== undefined) {
    input.value = String(schema.default);
    input.placeholder = String(schema.default);
  }
  return input;
}

function helpText(schema: OptionSchema): string {
  const range =
    schema.minimum !== undefined && schema.maximum !== undefined
      ? `${schema.minimum} to ${schema.maximum}`
      : schema.minimum !== undefined
        ? `at least ${schema.minimum}`
        : schema.maximum !== undefined
          ? `at most ${schema.maximum}`
          : '';
  const facts = [range, schema.default !== undefined ? `default ${String(schema.default)}` : ''].filter(Boolean).join(', ');
  return [schema.description ?? '', facts ? `(${facts})` : ''].filter(Boolean).join(' ');
}

/** `patchSize` → `Patch size`. */
function label(option: string): string {
  const words = option.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
