/**
 * Module: the base of every layer and network, as torch.nn.Module. A module owns named
 * parameters (trained), buffers (state such as running statistics) and child modules; their
 * dotted names ('conv1.weight', 'block.0.bias') are PyTorch's, so an official state dict loads by
 * name. Subclasses implement `forward`; callers run a module with `call`, which first runs the
 * forward pre-hooks (spectral normalisation recomputes its weight there).
 */
import { InvalidOptionError } from '../../core/errors.js';
import { noGrad } from '../grad-mode.js';
import { keep } from '../scope.js';
import { compareStateDict, type StateDict } from '../serialization/state-dict.js';
import type { Tensor } from '../tensor.js';

/** Any module, whatever its forward takes and returns (for containers and traversal). */
export type AnyModule = Module<never[], unknown>;

export interface LoadStateDictOptions {
  /** Missing and unexpected keys are errors (shape mismatches always are). @default true */
  strict?: boolean;
}

export abstract class Module<Input extends unknown[] = [Tensor], Output = Tensor> {
  /** Training mode (batch statistics, power iterations) or evaluation mode; see train/eval. */
  training = true;
  readonly #parameters = new Map<string, Tensor>();
  readonly #buffers = new Map<string, Tensor>();
  readonly #nonPersistent = new Set<string>();
  readonly #modules = new Map<string, AnyModule>();
  readonly #forwardPreHooks: (() => void)[] = [];

  /** The computation; run the module with `call` so that its pre-hooks run first. */
  abstract forward(...input: Input): Output;

  /** Runs the forward pre-hooks, then forward (PyTorch's `module(x)`). */
  call(...input: Input): Output {
    for (const hook of this.#forwardPreHooks) hook();
    return this.forward(...input);
  }

  /** Adds a hook that runs before every forward through `call`. */
  registerForwardPreHook(hook: () => void): void {
    this.#forwardPreHooks.push(hook);
  }

  // ---- registration

  /**
   * Registers a trainable tensor under name (requiresGrad set, taken out of any tidy scope so it
   * lives as long as the module). null registers nothing, as PyTorch's `bias=None`. Returns it.
   */
  registerParameter<T extends Tensor | null>(name: string, parameter: T): T {
    this.#checkNewName(name);
    if (parameter !== null) {
      keep(parameter).requiresGrad_(true);
      this.#parameters.set(name, parameter);
    }
    return parameter;
  }

  /** Registers a state tensor; a non-persistent buffer stays out of the state dict. Returns it. */
  registerBuffer(name: string, buffer: Tensor, options: { persistent?: boolean } = {}): Tensor {
    this.#checkNewName(name);
    this.#buffers.set(name, keep(buffer));
    if (options.persistent === false) this.#nonPersistent.add(name);
    return buffer;
  }

  /** Registers a child module; its tensors get the prefix `name.`. Returns it. */
  registerModule<M extends AnyModule>(name: string, module: M): M {
    this.#checkNewName(name);
    this.#modules.set(name, module);
    return module;
  }

  /** Unregisters a parameter and returns it (not disposed): spectral normalisation renames one. */
  removeParameter(name: string): Tensor {
    const parameter = this.#parameters.get(name);
    if (!parameter) throw new InvalidOptionError('parameter', `one of ${[...this.#parameters.keys()].join(', ')}`, name);
    this.#parameters.delete(name);
    return parameter;
  }

  /** This module's own parameter of that name (no dots), or undefined. */
  getParameter(name: string): Tensor | undefined {
    return this.#parameters.get(name);
  }

  /** This module's own buffer of that name (no dots), or undefined. */
  getBuffer(name: string): Tensor | undefined {
    return this.#buffers.get(name);
  }

  // ---- traversal: own entries first, then each child's in registration order (PyTorch's order)

  namedChildren(): [string, AnyModule][] {
    return [...this.#modules];
  }

  /** This module (name '') and every descendant, each once. */
  namedModules(prefix = ''): [string, AnyModule][] {
    const found: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    const visit = (module: AnyModule, name: string): void => {
      if (seen.has(module)) return;
      seen.add(module);
      found.push([name, module]);
      for (const [childName, child] of module.#modules) visit(child, name ? `${name}.${childName}` : childName);
    };
    visit(this as unknown as AnyModule, prefix);
    return found;
  }

  /** Every parameter with its dotted name; a tensor shared by two modules appears once. */
  namedParameters(): [string, Tensor][] {
    return this.#collect((module) => module.#parameters);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  namedBuffers(): [string, Tensor][] {
    return this.#collect((module) => module.#buffers);
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, buffer]) => buffer);
  }

  // ---- state dicts

  /**
   * Parameters and persistent buffers by dotted name, in PyTorch's order. The values are the
   * module's own tensors, not copies: read or save them, do not dispose them. As in PyTorch, a
   * module registered under two names appears under both (EdgeConnect's discriminator does that).
   */
  stateDict(): StateDict {
    const entries: [string, Tensor][] = [];
    const visit = (module: AnyModule, prefix: string): void => {
      const dotted = prefix ? `${prefix}.` : '';
      for (const [name, parameter] of module.#parameters) entries.push([dotted + name, parameter]);
      for (const [name, buffer] of module.#buffers) {
        if (!module.#nonPersistent.has(name)) entries.push([dotted + name, buffer]);
      }
      for (const [childName, child] of module.#modules) visit(child, dotted + childName);
    };
    visit(this as unknown as AnyModule, '');
    return new Map(entries);
  }

  /**
   * Copies the values of stateDict into this module's tensors, without autograd. Everything is
   * checked before anything is copied: missing and unexpected keys (when strict) and shape
   * mismatches (always) throw StateDictMismatchError listing them all.
   */
  loadStateDict(stateDict: ReadonlyMap<string, Tensor>, options: LoadStateDictOptions = {}): void {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    compareStateDict(own, stateDict, { strict });
    noGrad(() => {
      for (const [name, tensor] of own) {
        const source = stateDict.get(name);
        if (source) tensor.copy_(source);
      }
    });
  }

  // ---- modes and memory

  /** Sets training mode on this module and every descendant. Returns this. */
  train(mode = true): this {
    for (const [, module] of this.namedModules()) module.training = mode;
    return this;
  }

  /** Evaluation mode: running statistics, no power iterations. Returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Drops the accumulated gradient of every parameter. */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.clearGrad();
  }

  /** Frees every parameter and buffer of this module and its descendants now. */
  dispose(): void {
    for (const [, module] of this.namedModules()) {
      for (const tensor of module.#parameters.values()) tensor.dispose();
      for (const tensor of module.#buffers.values()) tensor.dispose();
    }
  }

  #collect(table: (module: AnyModule) => Map<string, Tensor>): [string, Tensor][] {
    const found: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, tensor] of table(module)) {
        if (seen.has(tensor)) continue;
        seen.add(tensor);
        found.push([prefix ? `${prefix}.${name}` : name, tensor]);
      }
    }
    return found;
  }

  #checkNewName(name: string): void {
    if (name === '' || name.includes('.')) {
      throw new InvalidOptionError('name', 'a non-empty name without dots', name);
    }
    if (this.#parameters.has(name) || this.#buffers.has(name) || this.#modules.has(name)) {
      throw new InvalidOptionError('name', 'a name not registered yet on this module', name);
    }
  }
}
