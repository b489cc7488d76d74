import { test } from "node:test";
import { ready, tf } from "dlcourse";
import { wasmBiasAdd } from "../../lib/engine/wasm-bias-add";
import { assertSameAsTfjs } from "./helpers/override";

// [a shape, b shape]: a row [D] added to rows [.., D] on either side, D a multiple of 4, with a
// remainder, narrower than 4; empty batches; and shapes left to tfjs (same shapes, columns, scalars).
const CASES: [number[], number[]][] = [
  [[300, 50], [50]], [[50], [300, 50]], [[64, 256], [256]], [[7, 3], [3]], [[2, 3, 8], [8]], [[5, 1, 6], [6]], [[1, 4], [4]],
  [[0, 8], [8]], [[0, 3], [3]],
  [[300, 50], [300, 50]], [[300, 3], [300, 1]], [[4, 6], [1, 6]], [[4, 6], []], [[6], [6]],
];

test.before(() => ready({ backend: "wasm" }));
test.after(() => wasmBiasAdd.install()); // the state ready() leaves

const checkSame = (a: tf.Tensor, b: tf.Tensor, what: string) => assertSameAsTfjs(wasmBiasAdd, () => tf.add(a, b), what);

test("Add of a row gives tfjs's bits on either side, for every width, and leaves other shapes to tfjs", () => {
  for (const [i, [sa, sb]] of CASES.entries()) {
    const [a, b] = [tf.randomNormal(sa, 0, 1e3, "float32", i), tf.randomNormal(sb, 0, 1e-2, "float32", 50 + i)];
    checkSame(a, b, `[${sa}] + [${sb}]`);
    tf.dispose([a, b]);
  }
});

test("signed zeros, infinities and NaN add as in tfjs, in the SIMD lanes and in the remainder", () => {
  const v = [0, -0, Infinity, -Infinity, NaN, 1, -0];
  const a = tf.tensor2d([v, v.map((x) => -x), v.slice().reverse()]);
  const b = tf.tensor1d([-0, -0, -Infinity, Infinity, 1, NaN, -0]);
  checkSame(a, b, "specials");
  const ints = [tf.tensor2d([[1, 2, 3, 4, 5]], undefined, "int32"), tf.tensor1d([5, 4, 3, 2, 1], "int32")];
  checkSame(ints[0], ints[1], "int32 (tfjs's kernel)");
  tf.dispose([a, b, ...ints]);
});
