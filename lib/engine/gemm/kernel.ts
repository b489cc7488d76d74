/**
 * Matrix products on the wasm heap with ./module.ts, for the wasm BatchMatMul and _FusedMatMul
 * kernels (../wasm-matmul.ts, ../wasm-fused-matmul.ts): one product of 2-D operands (leading
 * dimensions of size 1 allowed), float32, either operand transposed, an optional [N] bias and an
 * optional ReLU. Outputs narrower than {@link MIN_COLUMNS} are computed transposed when A is
 * transposed and there is no bias or ReLU ({@link thinGemm}). Anything else (batched products,
 * other activations, a B multiplied here before) returns null and the caller uses its other path,
 * which gives the same bits.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import type * as tf from "@tensorflow/tfjs";
import { gemmModuleBytes } from "./module";
import { backendMemory, instantiateOn, type WasmModuleMemory } from "../wasm-bytes";
import { zeroSkipLists, type SkipExports } from "./zero-skip";

type Info = tf.TensorInfo;

/** The exports of ./module.ts (byte addresses and byte strides, see its header). */
interface GemmExports extends SkipExports {
  panel4(...args: number[]): void;
  panel4x(...args: number[]): void;
  panel1(...args: number[]): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
}

/** The part of tfjs-backend-wasm's BackendWasm the product uses. */
export interface GemmBackend {
  makeOutput(shape: number[], dtype: "float32" | "int32"): Info;
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

/** With A transposed (and no bias or ReLU), outputs narrower than this are computed as their
 * transpose ({@link thinGemm}), the same cost as direct with the last columns in one vector. */
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
  if (N < MIN_COLUMNS && transposeA && M >= MIN_COLUMNS && bias == null && !args.relu) return thinGemm(backend, args, M, K, N);
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
  const skip = zeroSkipLists(k, backend, { pa, sai, sak, M, K, N, pb, pbias: bias != null ? at(bias) : null });
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    if (skip == null) k.panel4(pa + i * sai, sai, sak, pb, 4 * N, pc + i * 4 * N, ...tail);
    else k.panel4x(pa + i * sai, sai, sak, pb, 4 * N, pc + i * 4 * N, ...tail, skip.pidx + (i / 4) * skip.panelBytes, skip.counts[i / 4]);
  }
  for (; i < M; i++) k.panel1(pa + i * sai, sai, sak, pb, 4 * N, pc + i * 4 * N, ...tail);
  for (const t of [scratch, skip?.scratch]) if (t != null) backend.disposeData(t.dataId);
  return out;
}

/**
 * The product with a narrow output and A transposed (a last layer's weight gradient
 * X^T dY with C < 8 classes), computed as its transpose C^T = op(B)^T A, which is wide: op(B)^T
 * is read with strides as the left operand, A [K, M] as it lies as the right one, and C^T [N, M]
 * is transposed into the output. Each element is the same k-ordered sum (b a instead of a b: the
 * same product), so the same bits as XNNPACK's path, which transposed and packed instead
 * (measured [300, 50]^T x [300, 3]: 77 us there).
 */
function thinGemm(backend: GemmBackend, args: GemmArgs, M: number, K: number, N: number): Info | null {
  const k = gemmExports(backend);
  if (k == null) return null;
  const lead = (args.a.shape.length >= args.b.shape.length ? args.a.shape : args.b.shape).slice(0, -2);
  const out = backend.makeOutput([...lead, M, N], "float32");
  const scratch = backend.makeOutput([N, M], "float32");
  const at = (t: Info) => backend.dataIdMap.get(t.dataId).memoryOffset;
  const [pa, pb, ps] = [at(args.a), at(args.b), at(scratch)];
  // Row j of C^T reads column j of op(B): B [K, N] (column stride 4 N) or B^T stored [N, K].
  const [sai, sak] = args.transposeB ? [4 * K, 4] : [4, 4 * N];
  const tail = [4 * M, 0, 0, 0, K, M];
  let j = 0;
  for (; j + 4 <= N; j += 4) k.panel4(pb + j * sai, sai, sak, pa, 4 * M, ps + j * 4 * M, ...tail);
  for (; j < N; j++) k.panel1(pb + j * sai, sai, sak, pa, 4 * M, ps + j * 4 * M, ...tail);
  if (M > 0 && N > 0) k.transpose(ps, N, M, at(out));
  backend.disposeData(scratch.dataId);
  return out;
}
