import { test } from "node:test";
import assert from "node:assert/strict";
import { data } from "dlcourse";

test("spiral: the lecture's defaults give 3 classes of 100 points inside the unit disc", () => {
  const { x, y } = data.spiral();
  assert.equal(x.length, 300);
  assert.deepEqual([0, 1, 2].map((k) => y.filter((v) => v === k).length), [100, 100, 100]);
  assert.ok(x.every((p) => p.length === 2 && Math.hypot(p[0], p[1]) <= 1 + 1e-12));
  // radius = linspace(0, 1, n) within each class, whatever the angle noise
  assert.equal(Math.hypot(x[0][0], x[0][1]), 0);
  assert.ok(Math.abs(Math.hypot(x[99][0], x[99][1]) - 1) < 1e-12);
  assert.ok(Math.abs(Math.hypot(x[150][0], x[150][1]) - 50 / 99) < 1e-12);
});

test("spiral: without noise the angle is linspace(4j, 4(j+1), n), as the lecture's code", () => {
  const { x } = data.spiral({ noise: 0, perClass: 5, classes: 2 });
  // class 1, point 2: r = 0.5, t = 4 + 2 = 6 -> (0.5 sin 6, 0.5 cos 6)
  assert.ok(Math.abs(x[7][0] - 0.5 * Math.sin(6)) < 1e-12);
  assert.ok(Math.abs(x[7][1] - 0.5 * Math.cos(6)) < 1e-12);
});

test("spiral: noise perturbs the angle with the requested std, reproducibly per seed", () => {
  const a = data.spiral({ perClass: 2000, classes: 1, noise: 0.2, seed: 3 });
  assert.deepEqual(data.spiral({ perClass: 2000, classes: 1, noise: 0.2, seed: 3 }), a);
  assert.notDeepEqual(data.spiral({ perClass: 2000, classes: 1, noise: 0.2, seed: 4 }).x, a.x);
  // recover the angle noise: the angle of (sin t, cos t) is atan2(x0, x1) = t (mod 2 pi)
  const dev = a.x.slice(1).map((p, k) => {
    const i = k + 1;
    const d = Math.atan2(p[0], p[1]) - (4 * i) / 1999;
    return Math.atan2(Math.sin(d), Math.cos(d));
  });
  const mean = dev.reduce((s, v) => s + v, 0) / dev.length;
  const std = Math.sqrt(dev.reduce((s, v) => s + (v - mean) ** 2, 0) / dev.length);
  assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
  assert.ok(Math.abs(std - 0.2) < 0.02, `std ${std}`);
});

test("spiral: bad options name the problem", () => {
  assert.throws(() => data.spiral({ perClass: 1 }), /data.spiral: expected perClass an integer >= 2, got 1/);
  assert.throws(() => data.spiral({ classes: 0 }), /data.spiral: expected classes an integer >= 1, got 0/);
  assert.throws(() => data.spiral({ noise: -1 }), /data.spiral: expected noise >= 0 \(radians\), got -1/);
});
