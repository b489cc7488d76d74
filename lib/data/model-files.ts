/**
 * `model.save("file://dir")` and `tf.loadLayersModel("file://dir/model.json")` in Node with plain
 * TensorFlow.js. tfjs-node registers these `file://` handlers, but it cannot be installed
 * everywhere; these write the same layout (`model.json` + `weights.bin`), so either can read
 * what the other saved.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tf } from "../backend";

const PREFIX = "file://";

/** Options for {@link fileModelIO}. */
export interface FileModelIOOptions {
  /** Name of the weights file beside `model.json`. Default `"weights.bin"`. */
  weightsFile?: string;
}

function toPath(url: string): string {
  return url.startsWith("file:///") ? fileURLToPath(url) : path.resolve(url.slice(PREFIX.length));
}

/**
 * An IOHandler that saves into a folder or loads from a `model.json` on the local disk.
 *
 * @param url - `file://path/to/dir` to save (the folder is created), or
 *   `file://path/to/dir/model.json` to load; relative paths resolve against the working dir
 * @param options - see {@link FileModelIOOptions}
 * @returns the handler (pass it to `model.save` / `tf.loadLayersModel`, or use the URL directly
 *   after {@link registerFileModelIO})
 * @throws Error (from load) if `model.json` or a weights file is missing, naming the path
 * @example
 * await model.save(fileModelIO("file://models/sst2"));
 */
export function fileModelIO(url: string, options: FileModelIOOptions = {}): tf.io.IOHandler {
  const target = toPath(url);
  const weightsFile = options.weightsFile ?? "weights.bin";
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      fs.mkdirSync(target, { recursive: true });
      const manifest: tf.io.WeightsManifestConfig = [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }];
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON["modelTopology"],
        weightsManifest: manifest,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      const weights = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      fs.writeFileSync(path.join(target, weightsFile), Buffer.from(weights));
      fs.writeFileSync(path.join(target, "model.json"), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const jsonPath = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "model.json") : target;
      if (!fs.existsSync(jsonPath)) throw new Error(`fileModelIO: no model at ${jsonPath}; save one with model.save("${PREFIX}${path.dirname(jsonPath)}")`);
      const json = JSON.parse(fs.readFileSync(jsonPath, "utf8")) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) =>
          group.paths.map((p) => {
            const file = path.join(path.dirname(jsonPath), p);
            if (!fs.existsSync(file)) throw new Error(`fileModelIO: ${jsonPath} lists weights ${file}, which is missing`);
            const b = fs.readFileSync(file);
            return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
          }),
        );
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

let registered = false;

/**
 * Lets `model.save("file://...")` and `tf.loadLayersModel("file://...")` use {@link fileModelIO}.
 * Does nothing if a `file://` handler already exists (tfjs-node's), so there is never two.
 * Called when the lib loads; calling it again is harmless.
 *
 * @returns true if this call registered the handlers
 */
export function registerFileModelIO(): boolean {
  if (registered || tf.io.getSaveHandlers(`${PREFIX}probe`).length > 0) return false;
  registered = true;
  // A router answers null for URLs that are not its own (tfjs's types omit the null).
  const route = (url: string | string[]) => (typeof url === "string" && url.startsWith(PREFIX) ? fileModelIO(url) : (null as unknown as tf.io.IOHandler));
  tf.io.registerSaveRouter(route);
  tf.io.registerLoadRouter(route);
  return true;
}
