/**
 * One HTML page per student: points per test, and for each failure the reason (an error message
 * or what a partial-credit check printed). Test code is never included, so hidden tests stay
 * hidden; everything from the submission is escaped.
 */
import type { SubmissionResult, TestResult } from "./result";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const STATUS = { passed: "✔ пройден", partial: "◐ частично", failed: "✘ не пройден" };

function row(t: TestResult): string {
  const why = [t.message ? `<p class="why">${esc(t.message)}</p>` : "", t.log.length ? `<pre>${esc(t.log.join("\n"))}</pre>` : ""].join("");
  const kind = t.hidden ? "видимые и скрытые проверки" : "видимые проверки";
  return `<tr class="${t.status}"><td><code>${esc(t.id)}</code><br><small>${esc(t.title)} (${kind})</small></td><td>${STATUS[t.status]}</td><td>${fmt(t.points)} / ${fmt(t.max)}</td><td>${t.status === "passed" ? "" : why}</td></tr>`;
}

/** The feedback page for one graded submission. */
export function feedbackHtml(r: SubmissionResult): string {
  const notes = [...(r.rejected ? [r.rejected] : []), ...r.notes].map((n) => `<li>${esc(n)}</li>`).join("");
  const grader = r.graderErrors.length
    ? `<p class="grader">Проверка прервалась не по вашей вине или требует ручного просмотра: ${esc(r.graderErrors.join("; "))}. Преподаватель проверит работу вручную.</p>`
    : "";
  const output = r.output.trim() ? `<details><summary>Что напечатал ваш код (последние строки)</summary><pre>${esc(r.output)}</pre></details>` : "";
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${esc(r.assignment)}: ${esc(r.student)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}.passed td:nth-child(2){color:#186a1f}.partial td:nth-child(2){color:#8a6100}
.failed td:nth-child(2){color:#a11}pre{white-space:pre-wrap;background:#f6f6f6;padding:.4rem;margin:.3rem 0}.why{margin:0}.grader{color:#a11}</style></head>
<body><h1>${esc(r.assignment)}: отзыв о работе</h1>
<p>Студент: <b>${esc(r.student)}</b>. Итого: <b>${fmt(r.total)} из ${fmt(r.max)}</b>.</p>${grader}
${notes ? `<h2>Замечания</h2><ul>${notes}</ul>` : ""}
<h2>Тесты</h2><table><tr><th>Тест</th><th>Результат</th><th>Баллы</th><th>Почему</th></tr>${r.tests.map(row).join("")}</table>
<p><small>Скрытые тесты проверяют те же функции на других входных данных; их код не показывается. Решения проверялись в отдельном процессе, тесты выполнялись вне вашего кода.</small></p>
${output}</body></html>
`;
}
