/**
 * Zero skipping for ./kernel.ts's product: per panel of four rows of A, the list of k where the
 * panel's A is not all zero (./scan.ts), so ./module.ts's panel4x visits only those. MNIST's
 * digits are ~80% background and a ReLU layer's output about half zeros: on notebooks' MNIST nets
 * most of the first layer's multiply-adds have a zero factor. The bits are the same as without
 * skipping (see ./scan.ts for why), and the product skips nothing where that would not hold.
 */
import type * as tf from "@tensorflow/tfjs";
import { backendMemory, type WasmModuleMemory } from "../wasm-bytes";

/** The exports of ./module.ts zero skipping uses. */
export interface SkipExports {
  nonzeroK(pa: number, sai: number, sak: number, K: number, pidx: number, sbk: number): number;
  finite(p: number, n: number): number;
}

/** The part of tfjs-backend-wasm's BackendWasm it uses. */
export interface SkipBackend {
  makeOutput(shape: number[], dtype: "float32" | "int32"): tf.TensorInfo;
  disposeData(dataId: object): void;
  dataIdMap: { get(id: object): { memoryOffset: number } };
  wasm: WasmModuleMemory;
}

/** Products smaller than this many multiply-adds are not scanned (the spiral's are ~0.75 M). */
export const SKIP_MIN_MACS = 1 << 21;
/**
 * Skipping is used when at most this fraction of the (panel, k) pairs is left to visit: a visited
 * k costs ~1.25 times a dense one (B's rows are no longer read in sequence), so below ~80% it pays
 * (measured [64, 784] x [784, 256], dense 0.93 ms: 59% left 0.71 ms, 34% left 0.49 ms).
 */
export const SKIP_MAX_KEPT = 0.7;
/** Panels scanned before giving up on an A that keeps more than that. */
export const SKIP_PROBE = 4;

/** The lists: panel p's `counts[p]` entries (i32 pairs) are at `pidx + p panelBytes`; dispose `scratch` after. */
export interface SkipLists {
  pidx: number;
  panelBytes: number;
  counts: number[];
  scratch: tf.TensorInfo;
}

/** What the product is, as byte addresses and strides (./kernel.ts's panel arguments). */
export interface SkipProduct {
  pa: number;
  sai: number;
  sak: number;
  M: number;
  K: number;
  N: number;
  /** B as [K, N], contiguous (after the kernel's transposition, if any). */
  pb: number;
  /** The bias's address, or null. */
  pbias: number | null;
}

/**
 * The panels' index lists, or null where skipping would not pay (a small product, a dense A) or
 * would change bits (a non-finite value in B, a -0 in the bias).
 *
 * @param k - the module's exports
 * @param backend - tfjs-backend-wasm's backend, for the lists' scratch
 * @param o - the product
 * @returns lists for the M / 4 (rounded down) panels of four rows, or null
 */
export function zeroSkipLists(k: SkipExports, backend: SkipBackend, o: SkipProduct): SkipLists | null {
  const panels = Math.floor(o.M / 4);
  if (panels === 0 || o.K === 0 || o.M * o.K * o.N < SKIP_MIN_MACS) return null;
  const scratch = backend.makeOutput([panels * o.K * 2], "int32");
  const pidx = backend.dataIdMap.get(scratch.dataId).memoryOffset, panelBytes = 8 * o.K;
  const counts: number[] = [];
  let kept = 0;
  for (let p = 0; p < panels; p++) {
    counts.push(k.nonzeroK(o.pa + 4 * p * o.sai, o.sai, o.sak, o.K, pidx + p * panelBytes, 4 * o.N));
    kept += counts[p];
    // A dense A shows in its first panels: stop before the scan costs much (it is 8 / N of the product).
    if (p + 1 === SKIP_PROBE && kept > SKIP_MAX_KEPT * SKIP_PROBE * o.K) break;
  }
  if (counts.length < panels || kept > SKIP_MAX_KEPT * panels * o.K || !exact(k, backend, o)) {
    backend.disposeData(scratch.dataId);
    return null;
  }
  return { pidx, panelBytes, counts, scratch };
}

/** Whether B is all finite and the bias has no -0. */
function exact(k: SkipExports, backend: SkipBackend, o: SkipProduct): boolean {
  const n = o.K * o.N, n4 = n - (n % 4);
  if (k.finite(o.pb, n4) !== 1) return false;
  const buffer = backendMemory(backend.wasm).buffer;
  const tail = new Float32Array(buffer, o.pb + 4 * n4, n - n4);
  if (!tail.every(Number.isFinite)) return false;
  return o.pbias == null || !new Float32Array(buffer, o.pbias, o.N).some((v) => Object.is(v, -0));
}
