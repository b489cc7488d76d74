/**
 * init: weight initializers (PyTorch names in camelCase, the same numbers for the same seed as
 * PyTorch's statistics), tfjs kernel layout [inputs, outputs]; `asInitializer` makes any of them
 * a tfjs-layers initializer.
 *
 * Imports ../backend and ../core only; imported by nn (twoLayerNet) and notebooks.
 */
export { computeFans, type Fans } from "./fans";
export { calculateGain, type Nonlinearity } from "./gain";
export { zeros, constant, uniform, normal, truncatedNormal } from "./basic";
export type { SeedOptions, UniformOptions, NormalOptions } from "./basic";
export { xavierUniform, xavierNormal, type XavierOptions } from "./xavier";
export { kaimingUniform, kaimingNormal, type KaimingOptions } from "./kaiming";
export { lecunNormal, type LecunOptions } from "./lecun";
export { naiveUniform, type NaiveUniformOptions } from "./naive";
export { asInitializer, type InitFn, type AsInitializerOptions } from "./layers";
