/**
 * Where tests find SST-2: `$DLCOURSE_DATA` (CI points it at the shared copy), else
 * `../shared/datasets` beside the checkout when that exists, else the repo's `datasets/`.
 * Tests never download (`download: false`), so a missing file fails with the loader's hint.
 */
import fs from "node:fs";
import path from "node:path";

const shared = path.resolve(__dirname, "..", "..", "..", "shared", "datasets");
if (!process.env.DLCOURSE_DATA && fs.existsSync(path.join(shared, "sst2"))) process.env.DLCOURSE_DATA = shared;

export {};
