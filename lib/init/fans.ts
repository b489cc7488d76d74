/**
 * Fan-in and fan-out of a weight tensor in the tfjs layout.
 *
 * tfjs stores a dense kernel as [inputs, outputs] (PyTorch: [outputs, inputs]) and a conv kernel
 * as [...kernelSize, inChannels, outChannels] (PyTorch: [out, in, ...kernelSize]). Every position
 * of the receptive field is one more input to a unit, so both fans are multiplied by its size.
 * The numbers are therefore the same as PyTorch's for the same layer.
 */

/** Fans of a weight tensor. */
export interface Fans {
  /** Inputs feeding one output unit: inputs * receptive field size. */
  fanIn: number;
  /** Outputs one input feeds: outputs * receptive field size. */
  fanOut: number;
}

/**
 * Checks that `shape` is a list of positive integers.
 *
 * @param fn - name of the calling function, for the error message
 * @param shape - the shape to check
 * @throws Error naming `fn` if `shape` is not an array of positive integers
 */
export function checkShape(fn: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new Error(`${fn}: expected shape as an array of positive integers, got ${JSON.stringify(shape)}`);
  }
}

/**
 * Computes fan-in and fan-out the way PyTorch's `_calculate_fan_in_and_fan_out` does, for a
 * kernel in the tfjs layout.
 *
 * - dense [D, M]: fanIn = D, fanOut = M
 * - conv2d [kh, kw, Cin, Cout]: fanIn = kh*kw*Cin, fanOut = kh*kw*Cout (conv1d/3d alike)
 *
 * @param shape - kernel shape, at least 2 dimensions
 * @param fn - name of the calling function for errors. Default "computeFans".
 * @returns the two fans
 * @throws Error if the shape has fewer than 2 dimensions (a bias has no fan-out; PyTorch refuses too)
 * @example
 * computeFans([784, 100]);       // { fanIn: 784, fanOut: 100 }
 * computeFans([3, 3, 16, 32]);   // { fanIn: 144, fanOut: 288 }
 */
export function computeFans(shape: readonly number[], fn = "computeFans"): Fans {
  checkShape(fn, shape);
  if (shape.length < 2) {
    throw new Error(
      `${fn}: fans need a kernel with at least 2 dimensions ([inputs, outputs] or [...kernel, in, out]), ` +
        `got shape [${shape.join(", ")}]; initialize biases with zeros or constant`,
    );
  }
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}
