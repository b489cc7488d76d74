/**
 * Checks lib/engine/expf-logf.ts (the C library's expf and logf in JS, round 12) against
 * tfjs-backend-wasm's Exp and Log kernels for every float32 x (2^32 inputs, in chunks of 2^22),
 * and counts where JS's own Math.exp and Math.log, rounded to float32, differ from the kernels
 * (why the ports exist). NaN outputs are compared as NaN (payloads are not specified).
 * Measured: the ports differ from the kernels for 0 of the 2^32 inputs (bench/README "Round 12").
 *
 * Usage: node --import tsx bench/expf-logf-exact.ts [--from 0] [--to 1024]   (chunk range; ~6 min for all)
 */
import { tf, ready } from "dlcourse";
import { expf, logf } from "../lib/engine/expf-logf";

const CHUNK = 1 << 22;
const arg = (name: string, d: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : d);

async function main(): Promise<void> {
  await ready({ backend: "wasm", threads: 1 });
  const [from, to] = [arg("--from", 0), arg("--to", 1024)];
  const bits = new Uint32Array(CHUNK), x = new Float32Array(bits.buffer);
  const counts = { expPort: 0, logPort: 0, expNative: 0, logNative: 0 };
  const examples: string[] = [];
  const got = new Float32Array(1), gotBits = new Uint32Array(got.buffer);
  /** Whether `value` (rounded to float32) differs from the kernel's float32 `k` (bits `kb`). */
  const differs = (value: number, k: number, kb: number) => {
    got[0] = value;
    return k !== k ? got[0] === got[0] : gotBits[0] !== kb;
  };
  for (let c = from; c < to; c++) {
    for (let i = 0; i < CHUNK; i++) bits[i] = (c * CHUNK + i) >>> 0;
    const t = tf.tensor1d(x);
    const [te, tl] = [tf.exp(t), tf.log(t)];
    const [e, l] = [te.dataSync() as Float32Array, tl.dataSync() as Float32Array];
    tf.dispose([t, te, tl]);
    const [eb, lb] = [new Uint32Array(e.buffer, e.byteOffset, CHUNK), new Uint32Array(l.buffer, l.byteOffset, CHUNK)];
    for (let i = 0; i < CHUNK; i++) {
      const v = x[i];
      if (differs(expf(v), e[i], eb[i]) && counts.expPort++ < 10) examples.push(`expf(${v}): kernel ${e[i]}, port ${expf(v)}`);
      if (differs(logf(v), l[i], lb[i]) && counts.logPort++ < 10) examples.push(`logf(${v}): kernel ${l[i]}, port ${logf(v)}`);
      if (differs(Math.exp(v), e[i], eb[i]) && counts.expNative++ < 3) examples.push(`Math.exp(${v}) = ${Math.fround(Math.exp(v))}, kernel ${e[i]}`);
      if (differs(Math.log(v), l[i], lb[i]) && counts.logNative++ < 3) examples.push(`Math.log(${v}) = ${Math.fround(Math.log(v))}, kernel ${l[i]}`);
    }
    if (c % 64 === 63) console.error(`chunk ${c + 1}/${to}: ${JSON.stringify(counts)}`);
  }
  console.log(JSON.stringify({ from, to, ...counts, examples }, null, 1));
}

main();
