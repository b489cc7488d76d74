/**
 * Keeps tsx's CommonJS hook off the packages' own JavaScript. tsx handles every `.js` file that is
 * required: it reads it and runs an ES-module lexer over it to see whether it needs transforming.
 * For the packages a kernel loads (TypeScript, the tfjs bundles: megabytes of CommonJS) that was
 * ~0.2-0.25 s of the first `import ... from "dlcourse"` (bench/README.md, "Start-up (round 2)"),
 * for nothing: a package under node_modules whose package.json does not say `"type": "module"`
 * is CommonJS to Node, so Node's own loader reads it exactly as it would without tsx. Everything
 * else (`.ts` files, local `.js`, ES-module packages) still goes through tsx.
 */
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";

type Loader = (module: unknown, filename: string) => void;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const typeOfDir = new Map<string, string | undefined>();

/**
 * The `type` field of the package.json nearest to a file (cached per folder).
 * @param dir - the file's folder
 * @returns the field, or undefined when absent or there is no package.json
 */
export function packageType(dir: string): string | undefined {
  if (typeOfDir.has(dir)) return typeOfDir.get(dir);
  let type: string | undefined;
  const file = path.join(dir, "package.json");
  if (fs.existsSync(file)) {
    try {
      type = (JSON.parse(fs.readFileSync(file, "utf8")) as { type?: string }).type ?? "commonjs";
    } catch {
      type = "commonjs";
    }
  } else {
    const parent = path.dirname(dir);
    type = parent === dir ? undefined : packageType(parent);
  }
  typeOfDir.set(dir, type);
  return type;
}

/**
 * Sends CommonJS `.js` files of packages to Node's own loader instead of tsx's hook.
 * Call right after `require("tsx/cjs/api").register()`.
 * @param nodeLoader - `Module._extensions[".js"]` as it was before tsx registered
 * @returns true when installed; false with DLCOURSE_TSX_SCOPE=0 (bench A/B)
 */
export function keepTsxToSources(nodeLoader: Loader): boolean {
  if (process.env.DLCOURSE_TSX_SCOPE === "0") return false;
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  const tsxLoader = extensions[".js"];
  if (tsxLoader === nodeLoader) return false;
  extensions[".js"] = (module, filename) => {
    const plain = filename.endsWith(".js") && filename.includes(NODE_MODULES) && packageType(path.dirname(filename)) !== "module";
    return plain ? nodeLoader(module, filename) : tsxLoader(module, filename);
  };
  return true;
}
