/**
 * Record-and-replay of a step's kernels (the idea of CUDA graphs and torch.compile, for the
 * per-kernel overhead of tfjs's engine): ./record.ts writes a tape while tfjs runs the step
 * eagerly, ./tape.ts compares two recordings, ./play.ts replays a tape on the backend's kernels
 * directly; ./fresh.ts lets a layer's random draws be drawn anew at each replay. ./plan.ts decides
 * when to record, replay or run eagerly, for lib/optim/compile-step.ts and ./fit.ts (model.fit's
 * steps).
 */
export { recordKernels, isRecording, type RecordOptions } from "./record";
export { replayBackward, forgetBackwardPasses, backwardReplayStats, type BackwardPass, type BackwardReplayStats } from "./backward";
export { freshTensor, listenFresh } from "./fresh";
export { StepPlan, argumentSignature, REPLAY_BACKEND, MAX_RECORDINGS, type Gradients, type PlanResult, type PlanOutcome, type StepPlanOptions } from "./plan";
export { tapeDifference, disposeTape, type Tape } from "./tape";
export { preparePlayer, playerIsCurrent, replay, ReplayMismatch, type Player } from "./play";
