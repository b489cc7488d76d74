// Runs inside the sandbox process, before and beside the student's code. It loads the student
// program and answers calls from the trusted grader over fd 3 (length-prefixed v8-serialized
// frames). Nothing here is trusted: a student may replace all of it, and can then only send
// wrong answers, which the grader treats as data and checks itself.
"use strict";
const net = require("node:net");
const v8 = require("node:v8");
const path = require("node:path");

// Lets `import ... from "dlcourse"` load the lib's TypeScript sources, as the kernel does.
require("tsx/cjs/api").register();

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
function send(msg) {
  let body;
  try {
    body = v8.serialize(msg);
  } catch (e) {
    body = v8.serialize({ type: msg.type, id: msg.id, ok: false, error: `the result could not be sent to the grader (${e.message}); return numbers, strings, arrays, typed arrays or plain objects of them` });
  }
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  channel.write(Buffer.concat([head, body]));
}

function describe(e) {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown value: ${String(e)}`;
}

/** Tensors cross the boundary as nested arrays. */
function plain(v) {
  if (v && typeof v === "object" && typeof v.arraySync === "function" && typeof v.dispose === "function") return v.arraySync();
  return v;
}

async function main() {
  const errors = [];
  let api = {};
  try {
    const program = require(path.resolve(process.argv[2]));
    api = (await program({ cellError: (cell, e) => errors.push({ cell, message: describe(e) }) })) || {};
  } catch (e) {
    errors.push({ cell: -1, message: describe(e) });
  }
  const names = Object.keys(api).filter((k) => api[k] !== undefined);
  let buf = Buffer.alloc(0);
  channel.on("data", (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
      const n = buf.readUInt32BE(0);
      const msg = v8.deserialize(buf.subarray(4, 4 + n));
      buf = buf.subarray(4 + n);
      void answer(api, msg);
    }
  });
  send({ type: "ready", names, errors });
}

async function answer(api, msg) {
  const fn = api[msg.name];
  if (typeof fn !== "function") {
    send({ type: "result", id: msg.id, ok: false, error: `${msg.name} is not defined as a function in your notebook (check the cell that should define it)` });
    return;
  }
  try {
    const value = plain(await fn(...msg.args));
    send({ type: "result", id: msg.id, ok: true, value });
  } catch (e) {
    send({ type: "result", id: msg.id, ok: false, error: `${msg.name} threw ${describe(e)}` });
  }
}

void main();
