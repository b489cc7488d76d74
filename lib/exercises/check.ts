/**
 * Self-checking exercises: a check cell compares the student's answer with a stored hash of the
 * right one and prints whether it is right, without ever printing the answer.
 */
import { answerHash, assertAnswer, type AnswerValue } from "./answer-hash";
import { checkOptions } from "../core/options";

/** What a check found: no answer yet, a right answer, or a wrong one. */
export type CheckStatus = "unanswered" | "right" | "wrong";

/** Options of {@link check}: the stored hash of the right answer and how numbers are rounded. */
export interface CheckOptions {
  /** SHA-256 of the right answer, from {@link answerHash} with the same `digits`. */
  sha256: string;
  /** Decimal places numbers are rounded to (default 0). A number one unit of the last place
   *  away from the right one (after rounding) is also accepted, so 0.7085 passes for 0.708. */
  digits?: number;
  /** Where the verdict goes (default console.log); tests pass their own. */
  print?: (line: string) => void;
}

/**
 * Tells whether an exercise answer is right, without revealing the right answer.
 * `undefined` (the placeholder of an unanswered exercise) is "unanswered" and never fails, so a
 * notebook with unanswered exercises still runs top to bottom.
 * @param name what the verdict line starts with, e.g. "Упражнение 4"
 * @param answer the student's answer: a number, string, boolean, array of them, or undefined
 * @param options `sha256` of the right answer (see answerHash), `digits` for numbers, `print`
 * @returns "unanswered", "right" or "wrong"; the verdict is also printed in Russian
 * @throws TypeError when the answer is neither undefined nor a finite number, string, boolean or
 *   array of them, or when `sha256` is not 64 hex characters
 * @example
 * const exercise4: number | undefined = undefined; // the student writes the answer here
 * exercises.check("Упражнение 4", exercise4, { sha256: "…", digits: 3 }); // "ответа пока нет"
 */
export function check(name: string, answer: AnswerValue | undefined, options: CheckOptions): CheckStatus {
  checkOptions<CheckOptions>("exercises.check", options, { sha256: true, digits: true, print: true });
  if (!/^[0-9a-f]{64}$/.test(options.sha256)) {
    throw new TypeError(`exercises.check: options.sha256 must be 64 lowercase hex characters (from exercises.answerHash), got ${JSON.stringify(options.sha256)}`);
  }
  const print = options.print ?? ((line: string) => console.log(line));
  if (answer === undefined) {
    print(`${name}: ответа пока нет — впишите его в ячейку выше и запустите эту ячейку снова.`);
    return "unanswered";
  }
  assertAnswer(answer, "check");
  const digits = options.digits ?? 0;
  const right = candidates(answer, digits).some((c) => answerHash(c, { digits }) === options.sha256);
  print(right ? `${name}: верно.` : `${name}: неверно, попробуйте ещё раз.`);
  return right ? "right" : "wrong";
}

/** The answer itself and, for a single number, its neighbours one unit of the last place away. */
function candidates(answer: AnswerValue, digits: number): AnswerValue[] {
  if (typeof answer !== "number") return [answer];
  const unit = 10 ** -digits;
  return [answer, answer - unit, answer + unit];
}
