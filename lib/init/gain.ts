/**
 * The recommended gain of an activation: the factor that keeps the variance of the signal
 * (forward) or of the gradient (backward) constant from layer to layer. Values as in PyTorch's
 * `torch.nn.init.calculate_gain`.
 */

/** Activations {@link calculateGain} knows (PyTorch's snake_case names are accepted too). */
export type Nonlinearity =
  | "linear" | "identity" | "conv1d" | "conv2d" | "conv3d" | "sigmoid" | "tanh" | "relu"
  | "leakyRelu" | "leaky_relu" | "selu";

/**
 * Returns the gain for a nonlinearity.
 *
 * | nonlinearity | gain |
 * |---|---|
 * | linear, identity, conv*, sigmoid | 1 |
 * | tanh | 5/3 |
 * | relu | sqrt(2) |
 * | leakyRelu | sqrt(2 / (1 + slope^2)) |
 * | selu | 3/4 |
 *
 * @param nonlinearity - activation name
 * @param param - negative slope of leakyRelu. Default 0.01 (as PyTorch).
 * @returns the gain, a positive number
 * @throws Error if the name is unknown or the slope is not a finite number
 * @example
 * calculateGain("relu");             // 1.4142135623730951
 * calculateGain("leakyRelu", 0.2);   // 1.386750490563073
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear": case "identity": case "conv1d": case "conv2d": case "conv3d": case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu": case "leaky_relu": {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) throw new Error(`calculateGain: expected a finite negative slope, got ${param}`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new Error(
        `calculateGain: unknown nonlinearity "${String(nonlinearity)}"; expected one of linear, identity, ` +
          `conv1d, conv2d, conv3d, sigmoid, tanh, relu, leakyRelu, selu`,
      );
  }
}
