/**
 * The record/replay policy behind `optim.compileStep` (lib/optim/compile-step.ts) and model.fit's
 * replayed steps (./fit.ts), for one signature (the shapes and dtypes of the step's arguments):
 * record the gradient computation twice while running it eagerly; when both recordings are the
 * same program and the later one read no tensor values into JS (a one-time read, e.g. a label
 * check on the first call, is fine), replay it, re-doing the step's variable assignments (running
 * statistics) and drawing its fresh values (dropout masks) anew; run eagerly for good when it never
 * settles (random numbers drawn inside the step by other means), when it assigns a variable data
 * it did not compute, when a replayed kernel returns another shape, and on backends other than wasm.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { recordKernels } from "./record";
import { tapeDifference, disposeTape, type Tape } from "./tape";
import { preparePlayer, playerIsCurrent, replay, ReplayMismatch, type Player } from "./play";

/** The backend whose kernels all return plain buffers, so a tape of them can be replayed. */
export const REPLAY_BACKEND = "wasm";

/** Recordings that may differ before a signature runs eagerly for good (a lazily built layer differs once). */
export const MAX_RECORDINGS = 3;

/** The loss and the gradients by variable name, as `tf.variableGrads` returns them. */
export interface Gradients {
  value: tf.Scalar;
  grads: tf.NamedTensorMap;
}

/** What one call gives: the gradients, the tensors the step kept (with `escapees`), and how it ran. */
export interface PlanResult extends Gradients {
  /** Kernel-made tensors the step kept alive besides its result (e.g. tfjs-layers' metrics), in launch order. */
  escapees: tf.Tensor[];
  outcome: PlanOutcome;
}

/** How one call ran: replayed, recorded (eagerly), or eagerly without recording, with the reason (null: a warm-up call). */
export type PlanOutcome = { ran: "replayed" | "recorded" } | { ran: "eager"; reason: string | null };

/** Options of {@link StepPlan}. */
export interface StepPlanOptions {
  /** Hand out the tensors the step keeps alive (replayed too). Default false: ignored, as a replay does not make them. */
  escapees?: boolean;
  /**
   * Calls run eagerly, without recording, before the first recording. Default 0. Recording costs
   * about one more step, so a caller whose steps may be few (a fit of one or two batches) waits.
   */
  warmup?: number;
}

/**
 * The signature a plan is kept under: each argument's dtype and shape, and which arguments are the
 * same data (a recording binds arguments by their data); null arguments (absent sample weights) as "null".
 * @param args - the step's arguments, tensors or null
 * @returns e.g. "float32[64,784],float32[64,10]"
 */
export function argumentSignature(args: readonly (tf.Tensor | null)[]): string {
  return args.map((t, i) => {
    if (t == null) return "null";
    const same = args.findIndex((u) => u?.dataId === t.dataId);
    return `${t.dtype}[${t.shape}]${same < i ? `=${same}` : ""}`;
  }).join(",");
}

/** One signature's state: the last recording, its player once two agree, or why it runs eagerly. */
export class StepPlan {
  private tape: Tape | null = null;
  private names: string[] = [];
  private player: Player | null = null;
  private originals: tf.Tensor[] = [];
  private recordings = 0;
  private calls = 0;
  /** Why the last player was dropped (for the reason, if recordings then never settle). */
  private stale: string | null = null;
  eagerReason: string | null = null;

  constructor(private readonly options: StepPlanOptions = {}) {}

  /**
   * Computes the loss and gradients for `args`: replayed when a player is ready, else eagerly.
   * @param args - the step's arguments, of this plan's signature
   * @param compute - the eager computation (what is recorded); it reads per-call tensors only through `args`
   * @returns the gradients and how they were computed
   */
  run(args: tf.Tensor[], compute: () => Gradients): PlanResult {
    if (this.eagerReason == null && tf.getBackend() !== REPLAY_BACKEND) {
      this.eagerReason = `kernels are replayed on the ${REPLAY_BACKEND} backend only (the ${tf.getBackend()} backend's kernels may return engine-tracked tensors)`;
    }
    if (this.eagerReason != null) return { ...compute(), escapees: [], outcome: { ran: "eager", reason: this.eagerReason } };
    if (this.calls++ < (this.options.warmup ?? 0)) return { ...compute(), escapees: [], outcome: { ran: "eager", reason: null } };
    if (this.player != null && this.usable(this.player)) {
      try {
        return this.replay(this.player, args);
      } catch (e) {
        if (!(e instanceof ReplayMismatch)) throw e;
        this.refuse(e.message);
        return this.run(args, compute);
      }
    }
    return this.record(args, compute);
  }

  /** Runs eagerly from now on, for `reason` (e.g. the caller found the recording unusable). */
  refuse(reason: string): void {
    this.eagerReason = reason;
    this.forget();
  }

  private replay(p: Player, args: tf.Tensor[]): PlanResult {
    const out = replay(p, args);
    const [value, ...rest] = out;
    const n = this.names.length;
    const kept = p.tape.escapees.length;
    p.tape.assigns.forEach(({ variable }, i) => {
      const t = rest[n + kept + i];
      variable.assign(t);
      t.dispose();
    });
    const grads = Object.fromEntries(this.names.map((name, i) => [name, rest[i]]));
    return { value: value as tf.Scalar, grads, escapees: rest.slice(n, n + kept), outcome: { ran: "replayed" } };
  }

  /** A player is usable while its kernels are registered as recorded and its closure tensors and variables live. */
  private usable(p: Player): boolean {
    const current = playerIsCurrent(p);
    const alive = this.originals.every((t) => !t.isDisposed) && p.tape.sources.every((s) => s.kind !== "variable" || !s.variable.isDisposed);
    if (current && alive) return true;
    this.stale = current
      ? "a tensor or variable the step reads from its closure was disposed since it was recorded (pass tensors that change between steps as arguments)"
      : "a kernel was registered anew since the recording";
    this.forget(); // record again: the loss function now reads other tensors, or other kernels run
    return false;
  }

  /** Why a new recording cannot be replayed yet (null: it can), as a sentence for `stats.reason`. */
  private why(tape: Tape, names: string[]): string | null {
    if (tape.reads > 0) return "the loss function reads tensor values (dataSync, data) at every call: what it computes from them in JS would be replayed as constants";
    if (this.tape == null) return this.stale ?? "it was recorded once";
    const difference = tapeDifference(this.tape, tape) ?? (sameNames(this.names, names) ? null : "other variables have gradients");
    return difference == null ? null : `its recordings differ: ${difference}`;
  }

  private record(args: tf.Tensor[], compute: () => Gradients): PlanResult {
    const escapees = this.options.escapees ?? false;
    const { result, tape, escapees: kept } = recordKernels(compute, args, (r) => [r.value, ...Object.values(r.grads)], { escapees });
    const names = Object.keys(result.grads);
    const why = this.why(tape, names);
    this.forget();
    this.recordings += 1;
    if (tape.refusal != null) {
      this.eagerReason = tape.refusal;
    } else if (why == null) {
      this.player = preparePlayer(tape);
      if (this.player == null) this.eagerReason = "a recorded kernel is not registered on the backend";
      this.recordings = 0;
      this.originals = tape.sources.flatMap((s) => (s.kind === "constant" && s.original != null ? [s.original] : []));
    } else if (this.recordings >= MAX_RECORDINGS) {
      this.eagerReason = why;
    }
    if (this.eagerReason == null) this.tape = tape;
    else disposeTape(tape);
    this.names = names;
    return { ...result, escapees: kept, outcome: this.eagerReason == null ? { ran: "recorded" } : { ran: "eager", reason: this.eagerReason } };
  }

  /** Drops the recording (and its player), releasing its constants. */
  forget(): void {
    if (this.tape != null) disposeTape(this.tape);
    this.tape = null;
    this.player = null;
    this.originals = [];
  }
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => n === b[i]);
