/**
 * The structure of a backward pass, as a flat list compared element by element (./backward.ts):
 * cheap enough to build at every step (a string key would cost more than it saves).
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import type { TapeNode } from "../tape-node";

function pushShape(key: unknown[], t: tf.Tensor): void {
  key.push(t.dtype, t.shape.length, ...t.shape);
}

/** Pushes an attribute value: primitives as they are, arrays element by element; false for anything else. */
function pushValue(key: unknown[], v: unknown): boolean {
  if (v == null || typeof v !== "object") {
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return false;
    key.push(v);
    return true;
  }
  if (!Array.isArray(v)) return false; // an object or a tensor: not compared here
  key.push("[", v.length);
  return v.every((x) => pushValue(key, x));
}

function pushAttrs(key: unknown[], attrs: tf.NamedAttrMap | undefined): boolean {
  if (attrs == null) {
    key.push(null);
    return true;
  }
  const names = Object.keys(attrs);
  key.push(names.length);
  return names.every((n) => (key.push(n), pushValue(key, (attrs as Record<string, unknown>)[n])));
}

/**
 * The key of a backward pass, or null if it cannot be keyed (a node without a registered
 * gradient, an input not traced to xs, an attribute that is not plain data).
 *
 * @param tape - the filtered tape
 * @param xs - the tensors whose gradients are asked for
 * @param y - where the backward pass starts
 * @param args - dy, then every node's saved tensors in tape order (which of them share data counts)
 * @returns the key: kernels, gradient functions, attributes, wiring, shapes, y, shared data
 */
export function backwardKey(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor, args: tf.Tensor[]): unknown[] | null {
  const ordinal = new Map<number, number>();
  const key: unknown[] = [xs.length];
  xs.forEach((x, i) => {
    ordinal.set(x.id, i);
    pushShape(key, x);
  });
  for (const node of tape) {
    if (node.registered == null) return null;
    key.push(node.kernelName, node.registered);
    if (!pushAttrs(key, node.attrs)) return null;
    for (const name in node.inputs) {
      const from = ordinal.get(node.inputs[name].id);
      if (from == null) return null;
      key.push(name, from);
    }
    key.push(node.outputs.length);
    for (const o of node.outputs) {
      ordinal.set(o.id, ordinal.size);
      pushShape(key, o);
    }
    key.push(node.saved?.length ?? -1);
  }
  key.push(ordinal.get(y.id) ?? -1);
  const first = new Map<object, number>();
  args.forEach((t, i) => {
    const at = first.get(t.dataId);
    if (at == null) first.set(t.dataId, i);
    key.push(at ?? i);
    pushShape(key, t);
  });
  return key;
}

/** Whether two keys are the same (NaN attributes equal). */
export function sameKey(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}
