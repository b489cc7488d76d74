/**
 * The one hook through which a faster implementation of an optimizer's update plugs into the
 * shared base (./optimizer.ts) without the optimizer's file knowing about it: a registry keyed by
 * the optimizer class (its `className`). lib/engine/fused/ registers one-kernel wasm updates
 * here when `ready()` installs the engine; the base asks {@link fastUpdatesFor} (one kernel for
 * every parameter) and then {@link fastUpdateFor} (one per parameter) before running the class's
 * own `update`, and falls back whenever a fast update returns null (another backend, a form it
 * does not cover, or {@link useFusedUpdates}(false)).
 *
 * This file is a leaf: it imports only tfjs types, so the engine may import it without a cycle.
 */
import type { Tensor, Variable } from "@tensorflow/tfjs";

/** Per-parameter optimizer state: tensors in `slots`, plain numbers (step count, ...) in `scalars`. */
export interface ParamState {
  slots: Record<string, Variable>;
  scalars: Record<string, number>;
}

/**
 * A faster form of one optimizer's per-parameter step, called inside `tf.tidy` with the same
 * arguments as the optimizer's `update`: it assigns the state slots itself (see {@link setSlot})
 * and returns the new parameter, or null to let the optimizer's own `update` run.
 */
export type FastUpdate<O = never> = (options: Readonly<O>, param: Tensor, grad: Tensor, state: ParamState) => Tensor | null;

/**
 * A faster form of one optimizer's step over all its parameters at once (one kernel for all),
 * called inside `tf.tidy`: returns the new parameters in order, or null to step them one by one.
 */
export type FastUpdates<O = never> = (options: Readonly<O>, params: Tensor[], grads: Tensor[], states: ParamState[]) => Tensor[] | null;

const registry = new Map<string, FastUpdate<never>>();
const batchRegistry = new Map<string, FastUpdates<never>>();
let enabled = true;

/**
 * Registers `update` as the fast step of the optimizer class named `className`; replaces any earlier one.
 * @param className - the class's static `className`, e.g. "dlcourse.Adam"
 * @param update - the fast step
 * @example registerFastUpdate<AdamOptions>("dlcourse.Adam", fusedAdamUpdate);
 */
export function registerFastUpdate<O>(className: string, update: FastUpdate<O>): void {
  registry.set(className, update as FastUpdate<never>);
}

/**
 * Registers `update` as the all-parameters step of the optimizer class named `className`.
 * @param className - the class's static `className`, e.g. "dlcourse.SGD"
 * @param update - the step over every parameter
 * @example registerFastUpdates<SGDOptions>("dlcourse.SGD", fusedSgdUpdates);
 */
export function registerFastUpdates<O>(className: string, update: FastUpdates<O>): void {
  batchRegistry.set(className, update as FastUpdates<never>);
}

const ownClassName = (cls: { className?: string }) => (enabled && Object.prototype.hasOwnProperty.call(cls, "className") ? cls.className! : null);

/**
 * The fast step registered for an optimizer class, or undefined (none, or turned off). A
 * subclass that does not declare its own `className` gets none: its `update` may differ.
 * @param cls - the optimizer's constructor
 * @returns the registered step, typed for the class's options
 */
export function fastUpdateFor<O>(cls: { className?: string }): FastUpdate<O> | undefined {
  const name = ownClassName(cls);
  return name == null ? undefined : registry.get(name) as FastUpdate<O> | undefined;
}

/**
 * The all-parameters step registered for an optimizer class, or undefined (as {@link fastUpdateFor}).
 * @param cls - the optimizer's constructor
 * @returns the registered step, typed for the class's options
 */
export function fastUpdatesFor<O>(cls: { className?: string }): FastUpdates<O> | undefined {
  const name = ownClassName(cls);
  return name == null ? undefined : batchRegistry.get(name) as FastUpdates<O> | undefined;
}

/**
 * Turns the fast (fused wasm) updates on or off (default on) for every optimizer, e.g. to compare
 * them with the composite tfjs ops in bench/; the results agree to float32 rounding either way.
 *
 * @param on - true: one fused kernel per parameter on wasm; false: tfjs ops everywhere
 * @returns the previous setting
 * @example
 * const was = optim.useFusedUpdates(false); // measure tfjs's composite ops
 * optim.useFusedUpdates(was);
 */
export function useFusedUpdates(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/**
 * Assigns `value` to a state tensor, creating the slot on first use (a slot may start absent,
 * as PyTorch creates SGD's and RMSprop's momentum buffer only when momentum is used).
 * @param state - the parameter's state
 * @param slot - the slot name, e.g. "momentumBuffer"
 * @param value - the new value, the parameter's shape
 */
export function setSlot(state: ParamState, slot: string, value: Tensor): void {
  const v = state.slots[slot];
  if (v != null) v.assign(value);
  else state.slots[slot] = value.variable(false); // tidy in update() does not free variables
}
