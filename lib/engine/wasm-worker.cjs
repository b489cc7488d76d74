/**
 * The pthread worker of tfjs-backend-wasm's threaded build, as a file Node's worker_threads can
 * start (lib/engine/wasm-threads.ts points the emscripten glue here).
 *
 * tfjs-backend-wasm ships the worker only as a string (`wasmWorkerContents`) and starts it from a
 * `blob:` URL, which Node refuses (ERR_WORKER_PATH). The string is emscripten's own worker, with
 * its Node branch: this file evaluates it in the worker's global scope, where it expects
 * `require` and `__filename` as free variables.
 */
"use strict";
const { wasmWorkerContents } = require("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js");

globalThis.require = require;
globalThis.__filename = __filename;
// The string holds `"\n"` escapes already turned into newlines; tfjs escapes them again before
// making its Blob, and so does this file before evaluating it.
(0, eval)(wasmWorkerContents.replace(/\n/g, "\\n"));
