/**
 * The data types every public function of the lib speaks, one name with one meaning each.
 */
import type { Tensor } from "@tensorflow/tfjs";

/**
 * A tensor or a (nested) array of numbers: what layers, losses and charts accept as data.
 * Arrays are converted to float32 tensors where a tensor is needed; a tensor is never disposed
 * by the function it is passed to.
 */
export type TensorLike = Tensor | number[] | number[][] | number[][][] | number[][][][];

/** A 1-D series: numbers (an array or a typed array) or a tensor of shape [N] (or [N, 1]). */
export type Vector = ArrayLike<number> | Tensor;

/** A 2-D array: rows of numbers, or a tensor of shape [R, C]. */
export type Matrix = ArrayLike<ArrayLike<number>> | Tensor;
