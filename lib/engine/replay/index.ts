/**
 * Record-and-replay of a step's kernels (the idea of CUDA graphs and torch.compile, for the
 * per-kernel overhead of tfjs's engine): ./record.ts writes a tape while tfjs runs the step
 * eagerly, ./tape.ts compares two recordings, ./play.ts replays a tape on the backend's kernels
 * directly. The policy (when to record, replay or run eagerly) is the caller's:
 * lib/optim/compile-step.ts.
 */
export { recordKernels } from "./record";
export { tapeDifference, disposeTape, type Tape } from "./tape";
export { preparePlayer, playerIsCurrent, replay, ReplayMismatch, type Player } from "./play";
