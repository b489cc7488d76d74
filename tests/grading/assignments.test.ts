/**
 * Every homework assignment, graded by the secure grader: the reference solution earns full
 * marks, the untouched student version earns nothing, and seeded bugs earn exactly the partial
 * credit their tests promise.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { gradeBatch, type Submission } from "../../grading/batch";
import type { SubmissionResult } from "../../grading/result";
import { mutated, sourceOf, studentVersion, tempDir } from "./helpers";

const OPT = sourceOf("optimizers");
const BN = sourceOf("batchnorm_dropout");
const CIFAR = sourceOf("cifar10_loader");

const cases: Record<string, { assignment: string; source: string; text: () => string }> = {
  opt_reference: { assignment: "optimizers", source: OPT, text: () => fs.readFileSync(OPT, "utf8") },
  opt_stub: { assignment: "optimizers", source: OPT, text: () => studentVersion(OPT) },
  opt_bugs: {
    assignment: "optimizers",
    source: OPT,
    text: () =>
      studentVersion(OPT, {
        sgd_momentum: mutated(OPT, "sgd_momentum", /\/\/ (BEGIN|END) SOLUTION\n/g, ""),
        // Nesterov written as plain momentum: no look-ahead term.
        nesterov: mutated(OPT, "nesterov", "(g[i] + o.momentum * v[i])", "v[i]"),
        rmsprop: mutated(OPT, "rmsprop", /\/\/ (BEGIN|END) SOLUTION\n/g, ""),
        // The step counter is never advanced: bias correction stays that of step 1.
        adam: mutated(OPT, "adam", "(state?.t ?? 0) + 1", "1"),
      }),
  },
  bn_reference: { assignment: "batchnorm_dropout", source: BN, text: () => fs.readFileSync(BN, "utf8") },
  bn_stub: { assignment: "batchnorm_dropout", source: BN, text: () => studentVersion(BN) },
  bn_bugs: {
    assignment: "batchnorm_dropout",
    source: BN,
    text: () =>
      studentVersion(BN, {
        bn_forward: mutated(BN, "bn_forward", /\/\/ (BEGIN|END) SOLUTION\n/g, ""),
        // dx ignores that x also moves the batch mean and variance.
        bn_backward: mutated(BN, "bn_backward", "(n * g - dbeta[j] - xhat[i][j] * dgamma[j])", "(n * g)"),
        // Dropout without the 1 / (1 - p) rescaling.
        dropout: mutated(BN, "dropout", "1 / (1 - p)", "1"),
      }),
  },
  // The library's reference, the very thing the hidden tests compare with, called instead of written.
  bn_borrowed: {
    assignment: "batchnorm_dropout",
    source: BN,
    text: () =>
      studentVersion(BN, {
        bn_forward: `const caches: any[] = [];
function batchNormForward(x: Mat, gamma: Vec, beta: Vec, eps = 1e-5): { out: Mat; cache: any } {
  const r = nn.batchNormForward(x, gamma, beta, nn.createBatchNormState(gamma.length), { training: true, eps });
  caches.push(r.cache);
  return { out: r.out.arraySync() as Mat, cache: { key: caches.length - 1 } };
}`,
        bn_backward: `function batchNormBackward(dout: Mat, cache: any): { dx: Mat; dgamma: Vec; dbeta: Vec } {
  const g = nn.batchNormBackward(tf.tensor2d(dout), caches[cache.key]);
  return { dx: g.dx.arraySync() as Mat, dgamma: g.dgamma.arraySync() as Vec, dbeta: g.dbeta.arraySync() as Vec };
}`,
        dropout: `function dropoutForward(x: Mat, p: number, u: Mat, training = true): { out: Mat; cache: any } {
  const r = nn.dropoutForward(tf.tensor2d(x), { p, training, mask: tf.tensor2d(u.map((row) => row.map((v) => (v < p ? 0 : 1 / (1 - p))))) } as any);
  return { out: r.out.arraySync() as Mat, cache: r.cache };
}
function dropoutBackward(dout: Mat, cache: any): Mat {
  return nn.dropoutBackward(tf.tensor2d(dout), cache).dx.arraySync() as Mat;
}`,
      }),
  },
  cifar_reference: { assignment: "cifar10_loader", source: CIFAR, text: () => fs.readFileSync(CIFAR, "utf8") },
  cifar_stub: { assignment: "cifar10_loader", source: CIFAR, text: () => studentVersion(CIFAR) },
  cifar_bugs: {
    assignment: "cifar10_loader",
    source: CIFAR,
    text: () =>
      studentVersion(CIFAR, {
        parse_batch: mutated(CIFAR, "parse_batch", /\/\/ (BEGIN|END) SOLUTION\n/g, ""),
        read_tar: mutated(CIFAR, "read_tar", /\/\/ (BEGIN|END) SOLUTION\n/g, ""),
        // Trusts whatever is in the cache.
        loader: mutated(CIFAR, "loader", "archive == null || digest(archive) !== expected", "archive == null"),
      }),
  },
};

const results = new Map<string, SubmissionResult>();

before(async () => {
  const dir = tempDir("dlcourse-assignments-");
  for (const assignment of ["optimizers", "batchnorm_dropout", "cifar10_loader"]) {
    const subs: Submission[] = [];
    let source = "";
    for (const [student, c] of Object.entries(cases)) {
      if (c.assignment !== assignment) continue;
      source = c.source;
      const p = path.join(dir, assignment, `${student}.ipynb`);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, c.text());
      subs.push({ student, notebook: p });
    }
    for (const r of await gradeBatch({ assignment, source, submissions: subs, out: path.join(dir, assignment, "out"), jobs: 2 })) results.set(r.student, r);
  }
});

const points = (student: string) => Object.fromEntries(results.get(student)!.tests.map((t) => [t.id, t.points]));

for (const a of ["opt", "bn", "cifar"]) {
  test(`${a}: the reference solution earns full marks, the student version nothing`, () => {
    const ref = results.get(`${a}_reference`)!;
    assert.equal(ref.total, ref.max, JSON.stringify({ failed: ref.tests.filter((t) => t.status !== "passed"), notes: ref.notes, output: ref.output }));
    assert.deepEqual(ref.graderErrors, []);
    const stub = results.get(`${a}_stub`)!;
    assert.equal(stub.total, 0);
    const seen = (t: SubmissionResult["tests"][number]) => t.detail ?? t;
    assert.ok(stub.tests.every((t) => seen(t).log.some((l) => l.includes("not implemented")) || /not implemented/.test(seen(t).message ?? "")), JSON.stringify(stub.tests));
  });
}

test("optimizers: seeded bugs earn the partial credit of the parts they pass", () => {
  assert.deepEqual(points("opt_bugs"), { test_sgd_momentum: 2, test_nesterov: 0, test_rmsprop: 2, test_adam: 1 });
  const adam = results.get("opt_bugs")!.tests.find((t) => t.id === "test_adam")!;
  assert.equal(adam.status, "partial");
  assert.ok(adam.log.some((l) => l.startsWith("✘") && l.includes("optim.Adam")), adam.log.join("\n"));
});

test("batch norm and dropout: a dx without the batch-statistics terms and dropout without rescaling", () => {
  assert.deepEqual(points("bn_bugs"), { test_bn_forward: 3, test_bn_backward: 1, test_dropout: 1 });
});

test("batch norm and dropout: the library's own batchNorm/dropout functions are out of reach in the sandbox", () => {
  const r = results.get("bn_borrowed")!;
  assert.equal(r.total, 0, JSON.stringify(points("bn_borrowed")));
  assert.ok(r.notes.some((n) => n.includes("недоступна в этом задании")) || r.tests.some((t) => [...(t.detail ?? t).log, (t.detail ?? t).message ?? ""].join(" ").includes("недоступна в этом задании")), JSON.stringify(r.tests));
});

test("CIFAR-10 loader: trusting the cache without a checksum fails the hidden corruption tests", () => {
  assert.deepEqual(points("cifar_bugs"), { test_parse: 3, test_tar: 2, test_loader: 2 });
});
