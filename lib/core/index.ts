/**
 * core: what every topic folder shares, so that no topic imports another for plumbing.
 *
 * - types.ts: `TensorLike`, `Vector`, `Matrix`, the data types of every public function
 * - check.ts: argument checks that name the function, the argument, what was expected and what arrived
 * - options.ts: the options contract (one options object per function, unknown keys rejected)
 * - random.ts: seeded randomness (`seededRng`, `normalSeed`)
 * - alea.ts: tfjs's uniform stream bit for bit, drawn four streams at a time (dropout masks)
 *
 * Who imports what: any lib/ folder may import core; core imports only ../backend and tfjs.
 * Notebooks reach these through the topic namespaces (`data.seededRng`, `nn.TensorLike`, ...).
 */
export type { TensorLike, Vector, Matrix } from "./types";
export { asTensor, expectShape, expectSameShape, expectInRange, shapeStr, tidy } from "./check";
export { resolveOptions, checkOptions, describe, type OptionCheck, type OptionKeys } from "./options";
export { seededRng, normalSeed, type Rng } from "./random";
export { aleaSeed, aleaJump, fillUniform, type AleaState } from "./alea";
