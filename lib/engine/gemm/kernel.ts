/**
 * Matrix products on the wasm heap with ./module.ts, for the wasm BatchMatMul and _FusedMatMul
 * kernels (../wasm-matmul.ts, ../wasm-fused-matmul.ts): one product of 2-D operands (leading
 * dimensions of size 1 allowed), float32, either operand transposed, an optional [N] bias and an
 * optional ReLU. Anything else (batched products, other activations, outputs narrower than
 * {@link MIN_COLUMNS}, a B multiplied here before) returns null and the caller uses its other path,
 * which gives the same bits.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import { gemmModuleBytes } from "./module";
import { backendMemory, instantiateOn, type WasmModuleMemory } from "../wasm-bytes";

type Info = tf.TensorInfo;

/** The exports of ./module.ts (byte addresses and byte strides, see its header). */
interface GemmExports {
  panel4(...args: number[]): void;
  panel1(...args: number[]): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
}

/** The part of tfjs-backend-wasm's BackendWasm the product uses. */
export interface GemmBackend {
  makeOutput(shape: number[], dtype: "float32"): Info;
  disposeData(dataId: object): void;
  dataIdMap: { get(id: object): { memoryOffset: number } };
  wasm: WasmModuleMemory;
}

/** ./module.ts on the backend's memory; null where wasm SIMD is missing. */
const gemmExports = (backend: GemmBackend) => instantiateOn<GemmExports>(gemmModuleBytes, backendMemory(backend.wasm));

/** What the product is asked for, as the kernels' inputs and attributes give it. */
export interface GemmArgs {
  a: Info;
  b: Info;
  transposeA: boolean;
  transposeB: boolean;
  bias?: Info | null;
  relu?: boolean;
}

const ones = (dims: readonly number[]) => dims.every((d) => d === 1);

/**
 * Right operands already multiplied here untransposed. XNNPACK keeps its packed copy of a B it has
 * seen (until B is disposed), so from a B's second product on (evaluation, prediction over batches:
 * the same weights again) its product is the faster one; in training every B is new.
 */
const seenB = new WeakSet<object>();

/** Narrower outputs than this go to XNNPACK: its packing of a thin B is cheap, this module's
 * one-column tail is not (measured [1600, 50] x [50, 3]: 0.05 vs 0.46 ms). */
export const MIN_COLUMNS = 8;

/**
 * Whether the product can run on this backend's memory (exported or imported, shared or not).
 *
 * @param backend - tfjs-backend-wasm's backend
 * @returns false where wasm SIMD is missing or the module does not instantiate
 */
export function gemmAvailable(backend: GemmBackend): boolean {
  return gemmExports(backend) != null;
}

/**
 * op(A) op(B) (+ bias) (then ReLU) into a new tensor, or null when the case is not handled here.
 *
 * @param backend - tfjs-backend-wasm's backend
 * @param args - A [.., M, K] (or [.., K, M] transposed), B [.., K, N] (or [.., N, K]), bias [N]
 * @returns the [.., M, N] output (leading dimensions as the longer operand's, all 1), or null
 */
export function gemm(backend: GemmBackend, args: GemmArgs): Info | null {
  const { a, b, transposeA, transposeB, bias } = args;
  const ra = a.shape.length, rb = b.shape.length;
  if (a.dtype !== "float32" || b.dtype !== "float32" || ra < 2 || rb < 2) return null;
  if (!ones(a.shape.slice(0, -2)) || !ones(b.shape.slice(0, -2))) return null;
  const [M, K] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [K2, N] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  if (K !== K2) return null; // tfjs's own kernel reports the mismatch
  if (N < MIN_COLUMNS) return null;
  if (bias != null && (bias.dtype !== "float32" || bias.shape.length !== 1 || bias.shape[0] !== N)) return null;
  const k = gemmExports(backend);
  if (k == null) return null;
  if (!transposeB) {
    if (seenB.has(b.dataId)) return null;
    seenB.add(b.dataId);
  }
  const lead = (ra >= rb ? a.shape : b.shape).slice(0, -2);
  const out = backend.makeOutput([...lead, M, N], "float32");
  const scratch = transposeB && M > 0 && N > 0 && K > 0 ? backend.makeOutput([K, N], "float32") : null;
  // Addresses only after every allocation (an allocation may move nothing, but may grow the heap).
  const at = (t: Info) => backend.dataIdMap.get(t.dataId).memoryOffset;
  let pb = at(b);
  if (scratch != null) {
    k.transpose(pb, N, K, at(scratch));
    pb = at(scratch);
  }
  const [pa, pc] = [at(a), at(out)];
  const [sai, sak] = transposeA ? [4, 4 * M] : [4 * K, 4];
  // panelN(pa, sai, sak, pb, sbk, pc, ...tail): rows of C are 4 N bytes apart, as are rows of B.
  const tail = [4 * N, bias != null ? at(bias) : 0, bias != null ? 1 : 0, args.relu ? 1 : 0, K, N];
  let i = 0;
  for (; i + 4 <= M; i += 4) k.panel4(pa + i * sai, sai, sak, pb, 4 * N, pc + i * 4 * N, ...tail);
  for (; i < M; i++) k.panel1(pa + i * sai, sai, sak, pb, 4 * N, pc + i * 4 * N, ...tail);
  if (scratch != null) backend.disposeData(scratch.dataId);
  return out;
}
