#!/usr/bin/env node
// Lists import cycles among lib/'s TypeScript files, type-only imports included (a type-only
// cycle still ties two files together for a reader). Exit 1 if there is one.
//
//   node scripts/import-cycles.mjs [folder]      (default: lib)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const base = path.resolve(ROOT, process.argv[2] ?? "lib");

function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return null;
  const p = path.resolve(path.dirname(from), spec);
  for (const c of [`${p}.ts`, path.join(p, "index.ts")]) if (fs.existsSync(c)) return c;
  return null;
}

const graph = new Map();
for (const f of tsFiles(base)) {
  const src = fs.readFileSync(f, "utf8");
  const deps = [...src.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"/gms)].map((m) => resolveImport(f, m[1])).filter(Boolean);
  graph.set(f, [...new Set(deps)]);
}

const cycles = [];
const state = new Map(); // 1 visiting, 2 done
const stack = [];
function visit(f) {
  state.set(f, 1);
  stack.push(f);
  for (const d of graph.get(f) ?? []) {
    if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d]);
    else if (!state.has(d)) visit(d);
  }
  stack.pop();
  state.set(f, 2);
}
for (const f of graph.keys()) if (!state.has(f)) visit(f);

const rel = (f) => path.relative(ROOT, f);
for (const c of cycles) console.log(`cycle: ${c.map(rel).join(" -> ")}`);
console.log(`import-cycles: ${graph.size} files, ${cycles.length} cycle(s)`);
process.exit(cycles.length ? 1 : 0);
