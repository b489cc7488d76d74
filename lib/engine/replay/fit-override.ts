/**
 * Installs model.fit's replayed steps (./fit.ts): tfjs-layers' `fit`, `fitDataset` and
 * `makeTrainFunction`, and tfjs's `Optimizer.minimize`, replaced together and restored together.
 */
// Straight from tfjs, not ../../backend: backend.ts imports the engine.
import * as tf from "@tensorflow/tfjs";
import { override, type Override } from "../kernel-override";
import { fitWith, minimizeWith, trainFunctionOf, type Fit, type Minimize, type TrainFunction } from "./fit";

type MakeTrainFunction = (this: tf.LayersModel) => TrainFunction;

/** tfjs-layers' LayersModel prototype, with its (protected) train-function factory. */
const layersModel = () => tf.LayersModel.prototype as unknown as Record<"fit" | "fitDataset", Fit> & { makeTrainFunction: MakeTrainFunction };

const fitOverrides = (["fit", "fitDataset"] as const).map((method) => {
  const o: Override<Fit> = override<Fit>(`LayersModel.${method}`, {
    read: () => layersModel()[method],
    write: (g) => (layersModel()[method] = g),
  }, function (this: tf.LayersModel, ...args: unknown[]) {
    return fitWith(o.original(), this, args);
  });
  return o;
});

const trainFunctionOverride: Override<MakeTrainFunction> = override<MakeTrainFunction>("LayersModel.makeTrainFunction", {
  read: () => layersModel().makeTrainFunction,
  write: (g) => (layersModel().makeTrainFunction = g),
}, function (this: tf.LayersModel) {
  return trainFunctionOf(this, trainFunctionOverride.original().call(this));
});

const minimizeOverride: Override<Minimize> = override<Minimize>("Optimizer.minimize", {
  read: () => tf.Optimizer.prototype.minimize as Minimize,
  write: (g) => ((tf.Optimizer.prototype as unknown as { minimize: Minimize }).minimize = g),
}, function (this: tf.Optimizer, f: () => tf.Scalar, returnCost?: boolean, varList?: tf.Variable[]) {
  return minimizeWith(minimizeOverride.original(), this, f, returnCost, varList);
});

/**
 * model.fit's steps replayed: tfjs-layers' train function and tfjs's `Optimizer.minimize`, replaced
 * together, off until installed; `installEngine()` installs it on wasm.
 * @example
 * fitReplay.install();   // model.fit records its first steps, then replays them
 */
export const fitReplay: Override<MakeTrainFunction> = {
  name: "model.fit step replay",
  install: () => fitOverrides.every((o) => o.install()) && trainFunctionOverride.install() && minimizeOverride.install(),
  uninstall: () => {
    fitOverrides.forEach((o) => o.uninstall());
    trainFunctionOverride.uninstall();
    minimizeOverride.uninstall();
  },
  installed: () => trainFunctionOverride.installed(),
  original: () => trainFunctionOverride.original(),
};
