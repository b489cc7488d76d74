// Runs inside the sandbox process, before and beside the student's code. It loads the student
// program and answers calls from the trusted grader over fd 3 (length-prefixed v8-serialized
// frames). Nothing here is trusted: a student may replace all of it, and can then only send
// wrong answers, which the grader treats as data and checks itself.
"use strict";
const net = require("node:net");
const v8 = require("node:v8");
const path = require("node:path");
const fs = require("node:fs");
const Module = require("node:module");

// `import ... from "dlcourse"` loads the lib compiled by the grader (argv[3]); see libcache.ts.
const LIB = process.argv[3];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "dlcourse") return resolve.call(this, LIB, ...rest);
  if (request.startsWith("dlcourse/")) return resolve.call(this, path.join(LIB, request.slice(9)), ...rest);
  return resolve.call(this, request, ...rest);
};

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
function send(msg) {
  let body;
  try {
    body = v8.serialize(msg);
  } catch (e) {
    body = v8.serialize({ type: msg.type, id: msg.id, ok: false, error: `результат нельзя передать проверяющему (${e.message}): возвращайте числа, строки, массивы, типизированные массивы или простые объекты из них` });
  }
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  channel.write(Buffer.concat([head, body]));
}

function describe(e) {
  // The permission model names what was denied; say it, students need to know why.
  if (e && e.code === "ERR_ACCESS_DENIED") return `${e.name}: доступ запрещён песочницей проверки (${e.permission ?? "permission"}: ${e.resource ?? "?"})`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown value: ${String(e)}`;
}

/** Tensors cross the boundary as nested arrays. */
function plain(v) {
  if (v && typeof v === "object" && typeof v.arraySync === "function" && typeof v.dispose === "function") return v.arraySync();
  return v;
}

/** Loads the student program as a module that resolves packages from the course's node_modules. */
function loadProgram(file) {
  const m = new Module(file, module);
  m.filename = file;
  m.paths = [path.resolve(__dirname, "..", "..", "node_modules")];
  m._compile(fs.readFileSync(file, "utf8"), file);
  return m.exports;
}

async function main() {
  const errors = [];
  let api = {};
  try {
    const program = loadProgram(path.resolve(process.argv[2]));
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
    send({ type: "result", id: msg.id, ok: false, error: `${msg.name} не определена как функция в вашем блокноте (проверьте ячейку, где она должна быть)` });
    return;
  }
  try {
    const value = plain(await fn(...msg.args));
    send({ type: "result", id: msg.id, ok: true, value });
  } catch (e) {
    send({ type: "result", id: msg.id, ok: false, error: `${msg.name} выбросила ${describe(e)}` });
  }
}

void main();
