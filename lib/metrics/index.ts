/**
 * metrics: scikit-learn's metrics (accuracy, confusion matrix, precision/recall/F1 scores, ROC and
 * precision-recall curves); arrays or 1-D tensors in, plain numbers out.
 *
 * Every function with options rejects unknown keys (../core/options.ts). Imports ../backend and
 * ../core only; no other lib folder imports it (plot draws the curves it returns).
 */
export type { Vector } from "./values";
export { accuracy, type AccuracyOptions } from "./accuracy";
export { confusionMatrix, type ConfusionMatrixOptions } from "./confusion-matrix";
export { precision, recall, f1, type PrfOptions } from "./precision-recall-f1";
export { binaryAccuracy, type BinaryAccuracyOptions } from "./binary-accuracy";
export { rocCurve, rocAuc, auc, type RocCurve, type RocCurveOptions, type RocAucOptions } from "./roc";
export { precisionRecallCurve, averagePrecision } from "./pr-curve";
export type { PrecisionRecallCurve, PrecisionRecallCurveOptions, AveragePrecisionOptions } from "./pr-curve";
