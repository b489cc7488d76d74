/**
 * The one contract every course optimizer shares: a `tf.Optimizer` whose per-parameter update is
 * written once, step for step like `torch.optim`, in `update(param, grad, state)`.
 *
 * Subclasses declare their state tensors (`slots`, e.g. Adam's `expAvg` and `expAvgSq`) and the
 * update rule; this class keeps the state per variable, counts steps like PyTorch (per parameter,
 * from 1), exposes a mutable `lr` for schedules, and saves/restores state for `model.save`.
 * A faster form of a class's update (lib/engine/fused on wasm) plugs in through one hook,
 * ./update-hook.ts: {@link TorchOptimizer.applyGradients} runs it first if one is registered for
 * the class, so the optimizer files hold only their update rule.
 */
import { tf } from "../backend";
import { nonNegative, closedUnit, resolveOptions, type OptionCheck } from "../core/options";
import { ParamStateStore, type NamedTensor } from "./param-state";
import { fastUpdateFor, fastUpdatesFor, setSlot, type FastUpdates, type ParamState } from "./update-hook";
import type { BaseOptions } from "./types";

export type { ParamState, BaseOptions };


type Grads = tf.NamedTensorMap | NamedTensor[];

/** One parameter's part of a step: the variable, its gradient and its state. */
interface ParamStep {
  param: tf.Variable;
  grad: tf.Tensor;
  state: ParamState;
}

/**
 * Base class of every `optim.*` optimizer. A subclass supplies its options (defaults and checks),
 * the names of its state tensors, and `update` for one parameter; the base does the rest.
 *
 * @param where - name used in error messages, e.g. `"optim.Adam"`
 * @param given - the caller's options; unknown keys and bad values throw
 * @param defaults - every option with its default
 * @param checks - per-option validity checks (lr is always checked >= 0)
 * @throws Error `optim.X: unknown option "k" (known: ...)`, `optim.X: expected lr >= 0, got -1`
 * @example
 * // Plain gradient descent, written against the shared contract:
 * class GD extends optim.TorchOptimizer<optim.BaseOptions> {
 *   static get className() { return "my.GD"; }
 *   protected readonly slots = [];
 *   constructor(o?: Partial<optim.BaseOptions>) { super("GD", o, { lr: 0.1, maximize: false }, {}); }
 *   protected update(w: tf.Tensor, g: tf.Tensor) { return tf.sub(w, tf.mul(g, this.lr)); }
 * }
 */
export abstract class TorchOptimizer<O extends BaseOptions> extends tf.Optimizer {
  /** The resolved options (PyTorch names, camelCase). Change `lr`/`momentum` through the setters. */
  readonly options: O;
  /** Names of the state tensors kept per parameter, in save order. */
  protected abstract readonly slots: readonly string[];
  /** Name used in error messages, e.g. "optim.Adam". */
  protected readonly where: string;
  private readonly state = new ParamStateStore();

  protected constructor(where: string, given: Partial<O> | undefined, defaults: O, checks: Partial<Record<keyof O, OptionCheck>>) {
    super();
    this.where = where;
    this.options = resolveOptions(where, given, defaults, { lr: nonNegative, ...checks } as Partial<Record<keyof O, OptionCheck>>);
  }

  /** Current learning rate; schedules assign it between steps. */
  get lr(): number {
    return this.options.lr;
  }
  set lr(value: number) {
    if (nonNegative(value) != null) throw new Error(`${this.where}: expected lr >= 0, got ${value}`);
    this.options.lr = value;
  }

  /** Momentum (SGD, RMSprop) or beta1 (Adam family), the value cyclic schedules vary; undefined if none. */
  get momentum(): number | undefined {
    const o = this.options as unknown as { momentum?: number; betas?: [number, number] };
    return o.momentum ?? o.betas?.[0];
  }
  set momentum(value: number | undefined) {
    const o = this.options as unknown as { momentum?: number; betas?: [number, number] };
    if (value == null || closedUnit(value) != null) throw new Error(`${this.where}: expected momentum in [0, 1], got ${value}`);
    if (o.betas != null) o.betas = [value, o.betas[1]];
    else if (o.momentum != null) o.momentum = value;
    else throw new Error(`${this.where}: has no momentum or betas to set`);
  }

  /**
   * Initial value of a state tensor; zeros unless the subclass says otherwise. `null` leaves the
   * slot out until `update` creates it with {@link setSlot} (PyTorch creates SGD's and RMSprop's
   * momentum buffer only when momentum is used), so it costs no memory or kernels before that.
   */
  protected initSlot(_slot: string, param: tf.Tensor): tf.Tensor | null {
    return tf.zerosLike(param);
  }

  /** Assigns `value` to a state tensor, creating the slot on first use (see {@link initSlot}). */
  protected setSlot(state: ParamState, slot: string, value: tf.Tensor): void {
    setSlot(state, slot, value);
  }

  /**
   * One step for one parameter, called inside `tf.tidy`: assign the slots, return the new value.
   * `state.scalars.step` is already incremented (1 on the first step), as in PyTorch.
   */
  protected abstract update(param: tf.Tensor, grad: tf.Tensor, state: ParamState): tf.Tensor;

  /** Gradient as PyTorch's loops start: negated for `maximize`, plus coupled L2 decay `wd * param`. */
  protected decayedGrad(param: tf.Tensor, grad: tf.Tensor, weightDecay: number): tf.Tensor {
    const g = this.options.maximize ? tf.neg(grad) : grad;
    return weightDecay !== 0 ? tf.add(g, tf.mul(param, weightDecay)) : g;
  }

  private newState(param: tf.Tensor): ParamState {
    const slots: Record<string, tf.Variable> = {};
    for (const s of this.slots) {
      const v = tf.tidy(() => this.initSlot(s, param)?.variable(false));
      if (v != null) slots[s] = v;
    }
    return { slots, scalars: {} };
  }

  override applyGradients(variableGradients: Grads): void {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    const cls = this.constructor as { className?: string };
    const steps: ParamStep[] = [];
    list.forEach(({ name, tensor: grad }, i) => {
      if (grad == null) return;
      const param = tf.engine().registeredVariables[name];
      if (param == null) throw new Error(`${this.where}.applyGradients: no variable named "${name}"`);
      steps.push({ param, grad, state: this.state.get(name, i, () => this.newState(param)) });
    });
    for (const { state } of steps) state.scalars.step = (state.scalars.step ?? 0) + 1;
    if (!this.stepAll(steps, fastUpdatesFor<O>(cls))) {
      const fast = fastUpdateFor<O>(cls);
      for (const { param, grad, state } of steps) {
        tf.tidy(() => {
          param.assign(fast?.(this.options, param, grad, state) ?? this.update(param, grad, state));
        });
      }
    }
    this.incrementIterations();
  }

  /** Steps every parameter with one fast update for all (e.g. one kernel); false if there is none for these. */
  private stepAll(steps: ParamStep[], all: FastUpdates<O> | undefined): boolean {
    if (all == null || steps.length < 2) return false;
    return tf.tidy(() => {
      const next = all(this.options, steps.map((s) => s.param), steps.map((s) => s.grad), steps.map((s) => s.state));
      next?.forEach((value, j) => steps[j].param.assign(value));
      return next != null;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return JSON.parse(JSON.stringify(this.options)) as tf.serialization.ConfigDict;
  }

  /** Builds the optimizer from `getConfig()` output, ignoring the `customObjects` key tfjs-layers adds. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const options = { ...config };
    delete options.customObjects;
    return new cls(options);
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations(), ...this.state.toNamed(this.slots)];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    await this.state.load(await this.extractIterations(weightValues));
  }

  override dispose(): void {
    this.state.dispose();
    super.dispose();
  }
}
