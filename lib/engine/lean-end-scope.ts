/**
 * tfjs-core's `engine.endScope` for the common case, a scope that returns one tensor: what every
 * op does when it returns (each op runs in a scope of its own), and most `tf.tidy` calls.
 *
 * Why: tfjs's endScope walks the result as a container (a recursive walk with a Set of the
 * containers seen), builds a Set of the result's tensor ids, and tracks each in the parent scope
 * through a closure; for one tensor that is most of the cost of closing the scope. A small
 * network's step closes ~40 op scopes.
 *
 * The same steps as tfjs-core 4.22's endScope (src/engine.ts; Apache-2.0) for a Tensor result:
 * dispose what the scope tracked except the result and kept tensors, pop the scope, and track
 * the result in the parent if the closing scope made it. Any other result (arrays, maps,
 * nothing) goes to tfjs's own.
 */
// Straight from tfjs, not ../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { overrideEngineMethod, type Override } from "./kernel-override";

type EndScope = (result?: unknown) => void;
type Tracked = tf.Tensor & { kept: boolean; scopeId: number };
interface Scope { id: number; track: Tracked[] }

/** The engine's internals this file uses (tfjs-core 4.22's Engine). */
interface EngineInternals {
  state: { activeScope: Scope | null; scopeStack: Scope[] };
  track(t: tf.Tensor): tf.Tensor;
}

function leanEndScope(this: EngineInternals, result?: unknown): void {
  if (!(result instanceof tf.Tensor)) return leanEndScopeOp.original().call(this, result);
  const out = result as Tracked;
  const { state } = this;
  const track = state.activeScope!.track;
  for (let i = 0; i < track.length; i++) {
    const t = track[i];
    if (!t.kept && t.id !== out.id) t.dispose();
  }
  const closed = state.scopeStack.pop()!;
  state.activeScope = state.scopeStack.length === 0 ? null : state.scopeStack[state.scopeStack.length - 1];
  if (!out.kept && out.scopeId === closed.id) this.track(out);
}

/**
 * The replacement of tfjs-core's `engine.endScope`, off until installed (`installEngine()` does).
 * @example
 * leanEndScopeOp.uninstall();  // tfjs's own
 */
export const leanEndScopeOp: Override<EndScope> = overrideEngineMethod<EndScope>("endScope", leanEndScope as unknown as EndScope);
