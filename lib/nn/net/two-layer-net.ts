/**
 * The lecture's two-layer net, dense -> ReLU -> dense, built from the from-scratch layers.
 */
import { kaimingNormal } from "../../init/kaiming";
import { xavierNormal } from "../../init/xavier";
import { tf } from "../../backend";
import { relu } from "../activations";
import { activationLayer, denseLayer } from "./net-layers";
import { Sequential } from "./sequential";
import { checkOptions } from "../../core/options";

/** Options for {@link twoLayerNet}. */
export interface TwoLayerNetOptions {
  /** Seed of the initial weights. Default: unseeded. */
  seed?: number;
}

/**
 * Builds x [N, D] -> dense [D, H] (Kaiming, ReLU gain) -> ReLU -> dense [H, C] (Xavier) -> scores [N, C],
 * biases 0.
 * @param d - input features D
 * @param h - hidden units H
 * @param c - classes C
 * @param options - seed
 * @returns a Sequential with parameters "0.w" [D, H], "0.b" [H], "2.w" [H, C], "2.b" [C]
 * @throws Error if a size is not a positive integer
 * @example
 * const net = twoLayerNet(2, 16, 3, { seed: 0 });
 * const { loss, grads } = net.lossAndGrads(x, y);
 * net.sgdStep(grads, 0.1);
 */
export function twoLayerNet(d: number, h: number, c: number, options: TwoLayerNetOptions = {}): Sequential {
  checkOptions<TwoLayerNetOptions>("nn.twoLayerNet", options, { seed: true });
  for (const [name, v] of [["D", d], ["H", h], ["C", c]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`nn.twoLayerNet: expected ${name} a positive integer, got ${v}`);
  }
  const s = options.seed;
  return new Sequential([
    denseLayer(kaimingNormal([d, h], { nonlinearity: "relu", seed: s }), tf.zeros([h])),
    activationLayer(relu),
    denseLayer(xavierNormal([h, c], { seed: s == null ? undefined : s + 1 }), tf.zeros([c])),
  ]);
}
