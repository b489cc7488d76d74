/**
 * Image sets (bytes, NHWC): per-channel statistics for normalization, subsets without copies,
 * and the shape check the batch functions share.
 */
import type { ImageSet } from "./cifar10";

/** Per-channel mean and standard deviation of pixel values in [0, 1]: [C] each. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

/**
 * Mean and standard deviation of each channel over all pixels of all images (values / 255).
 *
 * @param set - the images
 * @returns `{ mean: [C], std: [C] }`; for CIFAR-10's training set about
 *   mean [0.491, 0.482, 0.447], std [0.247, 0.243, 0.262]
 * @throws Error if the set is empty
 * @example
 * const stats = channelStats(cifar.train);
 */
export function channelStats(set: ImageSet): ChannelStats {
  const c = set.shape[2];
  if (!(set.count > 0)) throw new Error(`data.channelStats: expected a non-empty image set, got ${set.count} images`);
  const [sum, sq] = [new Float64Array(c), new Float64Array(c)];
  for (let i = 0; i < set.images.length; i++) {
    const v = set.images[i] / 255;
    sum[i % c] += v;
    sq[i % c] += v * v;
  }
  const n = set.images.length / c;
  const mean = Array.from(sum, (s) => s / n);
  return { mean, std: Array.from(sq, (s, k) => Math.sqrt(Math.max(0, s / n - mean[k] ** 2))) };
}

/** Throws unless `set` is a well-formed ImageSet; `fn` names the caller. */
export function checkSet(fn: string, set: ImageSet): void {
  if (!(set?.images instanceof Uint8Array) || set.images.length !== set.count * set.shape[0] * set.shape[1] * set.shape[2]) {
    throw new Error(`${fn}: expected an ImageSet from loadCifar10 ({ images: Uint8Array [N·H·W·C], labels, count, shape })`);
  }
}

/**
 * The first `count` images of a set (views, no copy): a training subset of a fixed size.
 *
 * @param set - the images
 * @param count - N, at most set.count
 * @returns an ImageSet sharing the memory of `set`
 * @throws Error if count is not an integer in 1..set.count
 * @example
 * const small = subsetImages(cifar.train, 2000);
 */
export function subsetImages(set: ImageSet, count: number): ImageSet {
  checkSet("data.subsetImages", set);
  if (!Number.isInteger(count) || count < 1 || count > set.count) throw new Error(`data.subsetImages: expected count an integer in 1..${set.count}, got ${count}`);
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  return { images: set.images.subarray(0, count * size), labels: set.labels.subarray(0, count), count, shape: set.shape };
}
