// Metrics as scikit-learn computes them; arrays or 1-D tensors in, plain numbers out.
export type { Vector } from "./values";
export { accuracy, confusionMatrix, type AccuracyOptions, type ConfusionMatrixOptions } from "./confusionMatrix";
export { precision, recall, f1, type PrfOptions } from "./prf";
export { binaryAccuracy, type BinaryAccuracyOptions } from "./binary-accuracy";
export { rocCurve, rocAuc, auc, type RocCurve, type RocCurveOptions, type RocAucOptions } from "./roc";
export { precisionRecallCurve, averagePrecision } from "./precisionRecall";
export type { PrecisionRecallCurve, PrecisionRecallCurveOptions, AveragePrecisionOptions } from "./precisionRecall";
