// Weight initializers (PyTorch names in camelCase), tfjs kernel layout [inputs, outputs].
export { computeFans, type Fans } from "./fans";
export { calculateGain, type Nonlinearity } from "./gain";
export { zeros, constant, uniform, normal, truncatedNormal } from "./basic";
export type { SeedOptions, UniformOptions, NormalOptions } from "./basic";
export { xavierUniform, xavierNormal, type XavierOptions } from "./xavier";
export { kaimingUniform, kaimingNormal, type KaimingOptions } from "./kaiming";
export { lecunNormal, type LecunOptions } from "./lecun";
export { naiveUniform, type NaiveUniformOptions } from "./naive";
export { asInitializer, type InitFn, type AsInitializerOptions } from "./layers";
