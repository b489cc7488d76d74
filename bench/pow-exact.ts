/**
 * Why the wasm Pow kernel was not replaced by a square (bench/README.md, "Round 5"): checks, for
 * every float32 x (2^32 inputs, in chunks of 2^22), tfjs-backend-wasm's Pow kernel (the C
 * library's `powf`) against the float32 rounding of x x, and x^1 against x. Counts mismatches at
 * exact ties (x x halfway between two float32s), for subnormal squares (below {@link TINY}), and
 * elsewhere. Measured: x^1 is always x, but x^2 differs from x x in ~3000 of the 2^23 inputs of
 * every binade (powf is not correctly rounded), so a square would change the bits of `tf.norm`.
 * Also counts where lib/engine/powf-square.ts (the library's powf(x, 2) in JS, round 11) differs
 * from the kernel: measured 0 of the 2^32 inputs (NaN inputs skipped: NaN on both paths), for
 * powfSquare, for fastPowfSquare (round 12: the rounded x x where it lies far enough from a
 * float32 midpoint) and for lib/engine/sum-squares-wasm.ts's squares (the same test in wasm SIMD). Its margin rests on maxMismatchMidpointDistance: how close to a midpoint x x
 * lies wherever powf and x x differ (relative to x x; measured 1.03e-10, about 2^-33.2).
 *
 * Usage: node --import tsx bench/pow-exact.ts [--from 0] [--to 1024]   (chunk range; ~4 min for all)
 */
import { tf, ready } from "dlcourse";
import { fastPowfSquare, powfSquare } from "../lib/engine/powf-square";
import { backendMemory, instantiateOn, type WasmHeapModule } from "../lib/engine/wasm-bytes";
import { backendHeap, powfSquaresOnHeap, sumSquaresModuleBytes, type SumSquaresKernels } from "../lib/engine/sum-squares-wasm";

const CHUNK = 1 << 22;
/** Below 2^-126 x x is a subnormal float32, where powf rounds its own way. */
export const TINY = 2 ** -126;
const arg = (name: string, d: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : d);

/** Whether the exact double p = x x lies halfway between two float32s. */
export function isTie(p: number): boolean {
  const f = Math.fround(p);
  if (f === p || !Number.isFinite(f)) return false;
  const other = Math.fround(2 * p - f); // the float32 on p's other side, if p is halfway
  return other !== f && 2 * p === f + other;
}

const near = new Float32Array(1), nearBits = new Uint32Array(near.buffer);
/** How far the exact square p > 0 lies from the float32 midpoint nearest to it, relative to p (0 at a tie). */
export function midpointDistance(p: number): number {
  near[0] = p;
  const f = near[0];
  if (f === p || !Number.isFinite(f) || f === 0) return Infinity; // a float32 itself, or out of range
  nearBits[0] += p > f ? 1 : -1; // f's neighbour on p's side: the midpoint lies between them
  return Math.abs(p - (f + near[0]) / 2) / p;
}

/** The squares of `x` by lib/engine/sum-squares-wasm.ts on the backend's heap (what tf.norm runs), as bits. */
function wasmSquares(x: Float32Array): Uint32Array {
  const backend = tf.backend() as unknown as { wasm: WasmHeapModule };
  const memory = backendMemory(backend.wasm);
  const k = instantiateOn<SumSquaresKernels>(sumSquaresModuleBytes, memory)!;
  const heap = backendHeap(backend.wasm);
  const [ptr, out] = [heap.malloc(4 * x.length), heap.malloc(4 * x.length)];
  new Float32Array(memory.buffer, ptr, x.length).set(x);
  powfSquaresOnHeap(k, heap, ptr, out, x.length);
  const bits = new Uint32Array(memory.buffer, out, x.length).slice();
  heap.free(ptr);
  heap.free(out);
  return bits;
}

async function main(): Promise<void> {
  await ready({ backend: "wasm", threads: 1 });
  const [from, to] = [arg("--from", 0), arg("--to", 1024)];
  const bits = new Uint32Array(CHUNK), x = new Float32Array(bits.buffer);
  const counts = { ties: 0, tiesDiffering: 0, nonTieMismatches: 0, tinyMismatches: 0, powOneMismatches: 0, portMismatches: 0, fastMismatches: 0, wasmMismatches: 0, maxMismatchMidpointDistance: 0 };
  const examples: string[] = [];
  for (let c = from; c < to; c++) {
    for (let i = 0; i < CHUNK; i++) bits[i] = (c * CHUNK + i) >>> 0;
    const t = tf.tensor1d(x);
    const [t2, t1] = [tf.pow(t, 2), tf.pow(t, 1)];
    const [p2, p1] = [t2.dataSync() as Float32Array, t1.dataSync() as Float32Array];
    tf.dispose([t, t2, t1]);
    const [b2, b1] = [new Uint32Array(p2.buffer, p2.byteOffset, CHUNK), new Uint32Array(p1.buffer, p1.byteOffset, CHUNK)];
    const wasmBits = wasmSquares(x);
    const sq = new Float32Array(1), sqBits = new Uint32Array(sq.buffer);
    for (let i = 0; i < CHUNK; i++) {
      const v = x[i];
      if (v !== v) continue; // NaN in, NaN out on both paths
      if (b1[i] !== bits[i]) counts.powOneMismatches++;
      sq[0] = powfSquare(v, bits[i]);
      if (sqBits[0] !== b2[i] && counts.portMismatches++ < 10) examples.push(`powf(${v}, 2) = ${p2[i]}, powfSquare ${sq[0]}`);
      sq[0] = fastPowfSquare(v, bits[i]);
      if (sqBits[0] !== b2[i] && counts.fastMismatches++ < 10) examples.push(`powf(${v}, 2) = ${p2[i]}, fastPowfSquare ${sq[0]}`);
      if (wasmBits[i] !== b2[i] && counts.wasmMismatches++ < 10) examples.push(`powf(${v}, 2) = ${p2[i]}, sum-squares-wasm's square bits ${wasmBits[i].toString(16)}`);
      const p = v * v;
      sq[0] = p;
      const tie = isTie(p);
      if (tie) counts.ties++;
      if (b2[i] !== sqBits[0]) {
        if (p >= TINY) counts.maxMismatchMidpointDistance = Math.max(counts.maxMismatchMidpointDistance, midpointDistance(p));
        if (tie) counts.tiesDiffering++;
        else if (p < TINY) counts.tinyMismatches++;
        else if (counts.nonTieMismatches++ < 10) examples.push(`powf(${v}, 2) = ${p2[i]}, x x rounded = ${sq[0]}`);
      }
    }
    if (c % 64 === 63) console.error(`chunk ${c + 1}/${to}: ${JSON.stringify(counts)}`);
  }
  console.log(JSON.stringify({ from, to, ...counts, examples }, null, 1));
}

main();
