/**
 * Per-parameter optimizer state, kept by variable name, and its save format for `model.save`:
 * tensors as `<variable>/<slot>` and plain numbers as `<variable>/#<key>` scalars.
 */
import { tf } from "../backend";
import type { ParamState } from "./update-hook";

export type { ParamState };

/** A weight as tfjs optimizers save them. */
export type NamedTensor = { name: string; tensor: tf.Tensor };

export class ParamStateStore {
  private readonly byName = new Map<string, ParamState>();
  private restored: (ParamState | undefined)[] = [];

  /**
   * The state of variable `name`, the `index`-th in the gradient list, created by `create` on
   * first use. State loaded by `load` is matched by position, since a reloaded model may name its
   * variables differently (tfjs's own optimizers match by position too).
   */
  get(name: string, index: number, create: () => ParamState): ParamState {
    let state = this.byName.get(name);
    if (state == null) {
      state = this.restored[index] ?? create();
      this.restored[index] = undefined;
      this.byName.set(name, state);
    }
    return state;
  }

  /** The state as named tensors, in insertion order (scalars become new scalar tensors; slots not created yet are left out). */
  toNamed(slots: readonly string[]): NamedTensor[] {
    const out: NamedTensor[] = [];
    for (const [name, s] of this.byName) {
      for (const slot of slots) if (s.slots[slot] != null) out.push({ name: `${name}/${slot}`, tensor: s.slots[slot] });
      for (const [key, v] of Object.entries(s.scalars)) out.push({ name: `${name}/#${key}`, tensor: tf.scalar(v) });
    }
    return out;
  }

  /** Replaces all state by the saved tensors (copied into new variables). */
  async load(weights: NamedTensor[]): Promise<void> {
    this.dispose();
    const byParam = new Map<string, ParamState>();
    for (const { name, tensor } of weights) {
      const cut = name.lastIndexOf("/");
      const key = name.slice(cut + 1);
      const s = byParam.get(name.slice(0, cut)) ?? { slots: {}, scalars: {} };
      byParam.set(name.slice(0, cut), s);
      if (key.startsWith("#")) s.scalars[key.slice(1)] = (await tensor.data())[0];
      else s.slots[key] = tensor.variable(false);
    }
    this.restored = [...byParam.values()];
  }

  /** Frees every state tensor. */
  dispose(): void {
    for (const s of [...this.byName.values(), ...this.restored]) if (s) Object.values(s.slots).forEach((v) => v.dispose());
    this.byName.clear();
    this.restored = [];
  }
}
