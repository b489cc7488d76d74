// Metrics as scikit-learn computes them; arrays or 1-D tensors in, plain numbers out.
export type { Vector } from "./values";
export { accuracy, type AccuracyOptions } from "./accuracy";
export { confusionMatrix, type ConfusionMatrixOptions } from "./confusion-matrix";
export { precision, recall, f1, type PrfOptions } from "./precision-recall-f1";
export { rocCurve, rocAuc, auc, type RocCurve, type RocCurveOptions, type RocAucOptions } from "./roc";
export { precisionRecallCurve, averagePrecision } from "./pr-curve";
export type { PrecisionRecallCurve, PrecisionRecallCurveOptions, AveragePrecisionOptions } from "./pr-curve";
