/** Step lengths along an optimizer's path, for the stopping rule ||w_t - w_{t-1}|| < eps. */

/**
 * Euclidean lengths of the steps of a path: ||p[t+1] - p[t]|| for t = 0 .. T-1.
 * @param path points [T + 1][D], e.g. `optimizePath(...).trajectory`
 * @returns T step lengths
 * @throws Error naming optim.stepLengths if points differ in dimension or hold a non-finite value
 * @example
 * optim.stepLengths([[0, 0], [3, 4], [3, 5]]) // [5, 1]
 */
export function stepLengths(path: ArrayLike<number>[]): number[] {
  const dim = path.length > 0 ? path[0].length : 0;
  path.forEach((p, t) => {
    if (p.length !== dim) throw new Error(`optim.stepLengths: expected every point with ${dim} coordinates, got ${p.length} at index ${t}`);
    for (let j = 0; j < dim; j++) {
      if (!Number.isFinite(p[j])) throw new Error(`optim.stepLengths: expected finite coordinates, got ${p[j]} at path[${t}][${j}]`);
    }
  });
  return path.slice(1).map((p, t) => {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += (p[j] - path[t][j]) ** 2;
    return Math.sqrt(sum);
  });
}
