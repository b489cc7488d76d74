// What the course kernel's type checker sees for "plotly.js-dist-min" (scripts/lib-types.cjs).
// Only danfojs-node's declarations import it, for the `config` and `layout` options of its own
// plot() helpers, which the course does not use (its charts are lib/plot); the real declarations
// are a 1.2 MB generated schema that every first `import ... from "dlcourse"` parsed.
export type Config = Record<string, unknown>;
export type Layout = Record<string, unknown>;
