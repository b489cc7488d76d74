/**
 * Float32 test inputs for the ports of the C library's math (lib/engine/powf-square.ts,
 * expf-logf.ts, sum-squares-wasm.ts): a stride through all 2^32 bit patterns, then `edges`.
 *
 * @param edges - bit patterns each test adds: the edges of its function's special paths
 * @returns the bits (~1M strided, every exponent and sign, varied mantissas, NaNs included), then the edges
 */
export function float32Bits(edges: number[]): Uint32Array {
  const stride = 4099; // odd and prime
  const n = Math.floor(2 ** 32 / stride);
  const bits = new Uint32Array(n + edges.length);
  for (let i = 0; i < n; i++) bits[i] = (i * stride) >>> 0;
  bits.set(edges, n);
  return bits;
}
