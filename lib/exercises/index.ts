// Self-checking exercises: hashes of right answers and the check cells' verdicts.
export { check, type CheckStatus, type CheckOptions } from "./check";
export { answerHash, canonicalAnswer, type AnswerValue, type AnswerHashOptions } from "./answer-hash";
