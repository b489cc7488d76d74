/** Comparing an engine override with what tfjs computes itself. */
import assert from "node:assert/strict";
import { tf } from "dlcourse";
import { assertSameBits } from "../../helpers/tensors";

/**
 * Runs `compute` with `override` uninstalled (tfjs's own) and then installed (ours, left
 * installed), and asserts that ours keeps nothing but its result on the backend's heap and gives
 * the same dtype and bits.
 * @param override - the engine override under test
 * @param compute - builds the result (one kernel call, e.g. `() => tf.sum(x, 0)`)
 * @param what - name used in the messages
 */
export function assertSameAsTfjs(override: { install(): boolean; uninstall(): void }, compute: () => tf.Tensor, what: string): void {
  override.uninstall();
  const expected = compute();
  assert.equal(override.install(), true, `${what}: the override installs`);
  const before = tf.engine().backend.numDataIds();
  const got = compute();
  assert.equal(tf.engine().backend.numDataIds(), before + 1, `${what}: only the result stays on the heap`);
  assert.equal(got.dtype, expected.dtype, `${what}: dtype`);
  assertSameBits(got, expected, what);
  tf.dispose([got, expected]);
}
