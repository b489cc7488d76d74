/**
 * The record/replay policy behind `optim.compileStep` (./compile-step.ts), for one signature
 * (the shapes and dtypes of the step's arguments): record the gradient computation twice while
 * running it eagerly; when both recordings are the same program and the later one read no tensor
 * values into JS (a one-time read, e.g. a label check on the first call, is fine), replay it; run
 * eagerly for good when it never settles (random numbers drawn inside the step), when the loss
 * function assigns a variable, when a replayed kernel returns another shape, and on backends
 * other than wasm.
 */
import { tf } from "../backend";
import { recordKernels, tapeDifference, disposeTape, preparePlayer, playerIsCurrent, replay, ReplayMismatch, type Tape, type Player } from "../engine/replay";

/** The backend whose kernels all return plain buffers, so a tape of them can be replayed. */
export const REPLAY_BACKEND = "wasm";

/** Recordings that may differ before a signature runs eagerly for good (a lazily built layer differs once). */
export const MAX_RECORDINGS = 3;

/** The loss and the gradients by variable name, as `tf.variableGrads` returns them. */
export interface Gradients {
  value: tf.Scalar;
  grads: tf.NamedTensorMap;
}

/** How one call ran: replayed, recorded (eagerly), or eagerly without recording, with the reason. */
export type PlanOutcome = { ran: "replayed" | "recorded" } | { ran: "eager"; reason: string };

/** One signature's state: the last recording, its player once two agree, or why it runs eagerly. */
export class StepPlan {
  private tape: Tape | null = null;
  private names: string[] = [];
  private player: Player | null = null;
  private originals: tf.Tensor[] = [];
  private recordings = 0;
  /** Why the last player was dropped (for the reason, if recordings then never settle). */
  private stale: string | null = null;
  eagerReason: string | null = null;

  constructor(private readonly grads: (args: tf.Tensor[]) => Gradients) {}

  /**
   * Computes the loss and gradients for `args`: replayed when a player is ready, else eagerly.
   * @param args - the step's arguments, of this plan's signature
   * @returns the gradients and how they were computed
   */
  run(args: tf.Tensor[]): Gradients & { outcome: PlanOutcome } {
    if (this.eagerReason == null && tf.getBackend() !== REPLAY_BACKEND) {
      this.eagerReason = `kernels are replayed on the ${REPLAY_BACKEND} backend only (the ${tf.getBackend()} backend's kernels may return engine-tracked tensors)`;
    }
    if (this.eagerReason != null) return { ...this.grads(args), outcome: { ran: "eager", reason: this.eagerReason } };
    if (this.player != null && this.usable(this.player)) {
      try {
        const [value, ...grads] = replay(this.player, args);
        return { value: value as tf.Scalar, grads: Object.fromEntries(this.names.map((n, i) => [n, grads[i]])), outcome: { ran: "replayed" } };
      } catch (e) {
        if (!(e instanceof ReplayMismatch)) throw e;
        this.eagerReason = e.message;
        this.forget();
        return this.run(args);
      }
    }
    return this.record(args);
  }

  /** A player is usable while its kernels are registered as recorded and its closure tensors live. */
  private usable(p: Player): boolean {
    const current = playerIsCurrent(p);
    if (current && this.originals.every((t) => !t.isDisposed)) return true;
    this.stale = current
      ? "a tensor the loss function reads from its closure was disposed since it was recorded (pass tensors that change between steps as arguments)"
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

  private record(args: tf.Tensor[]): Gradients & { outcome: PlanOutcome } {
    const variables = Object.values(tf.engine().registeredVariables);
    const before = variables.map((v) => v.dataId);
    const { result, tape } = recordKernels(() => this.grads(args), args, (r) => [r.value, ...Object.values(r.grads)]);
    const assigned = variables.find((v, i) => !v.isDisposed && v.dataId !== before[i]);
    const names = Object.keys(result.grads);
    const why = this.why(tape, names);
    this.forget();
    this.recordings += 1;
    if (assigned != null) {
      this.eagerReason = `the loss function assigns the variable "${assigned.name}" (a side effect replay would skip)`;
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
    return { ...result, outcome: this.eagerReason == null ? { ran: "recorded" } : { ran: "eager", reason: this.eagerReason } };
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
