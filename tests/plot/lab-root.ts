/** Browser-test helper of the plot tests: a throwaway Jupyter root (opening notebooks: ../helpers/lab openNotebook). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/lab";

/**
 * A temporary folder holding `files`, with the repo's node_modules linked so the kernel finds
 * `dlcourse`; JupyterLab's autosave then never writes outputs into the repository.
 */
export function tempRoot(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dlcourse-plot-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
