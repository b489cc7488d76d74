/** Small deterministic figures of every helper, shared by the unit tests (and handy to eyeball). */
import { plot } from "dlcourse";

export const rosenbrock = (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
export const bowl = (x: number, y: number) => x * x + 4 * y * y;

/** Gradient descent on the bowl from (-2.5, 1.5), `steps` points. */
export function gdPath(lr: number, steps: number, beta = 0): number[][] {
  const pts = [[-2.5, 1.5]];
  let v = [0, 0];
  for (let t = 1; t < steps; t++) {
    const [x, y] = pts[t - 1];
    v = [beta * v[0] + 2 * x, beta * v[1] + 8 * y];
    pts.push([x - lr * v[0], y - lr * v[1]]);
  }
  return pts;
}

/** Two interleaved moons-like blobs, labels 0/1, from a fixed LCG. */
export function blobs(n: number): { X: number[][]; y: number[] } {
  let s = 42;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    X.push([k ? 1 + rand() * 1.5 : -1 - rand() * 1.5, (rand() - 0.5) * 2 + (k ? 0.5 : -0.5)]);
    y.push(k);
  }
  return { X, y };
}

export const examples = {
  line: () => plot.line({ SGD: [1, 0.6, 0.4, 0.3], Adam: [1, 0.3, 0.05, 0.01] }, { logY: true, title: "Потеря", xTitle: "эпоха", yTitle: "потеря" }),
  scatter: () => plot.scatter(blobs(40).X, { labels: blobs(40).y, title: "Данные" }),
  contour: () => plot.contour(bowl, { x: [-3, 3], y: [-2, 2], resolution: 40, paths: [{ name: "SGD", points: gdPath(0.1, 20) }, { name: "Momentum", points: gdPath(0.05, 20, 0.8) }], minimum: [0, 0], title: "Чаша" }),
  animation: () => plot.contourAnimation(rosenbrock, { x: [-2, 2], y: [-1, 3], resolution: 40, logLevels: true, paths: [{ name: "Adam", points: gdPath(0.01, 30) }], frames: 10 }),
  surface: () => plot.surface(bowl, { x: [-2, 2], y: [-2, 2], resolution: 20, title: "Поверхность" }),
  boundary: () => {
    const { X, y } = blobs(40);
    return plot.decisionBoundary((p) => p.map((q) => 1 / (1 + Math.exp(-3 * q[0]))), X, y, { resolution: 30, title: "Граница" });
  },
  histograms: () => plot.histogramGrid({ "слой 1": [0, 0.1, 0.2, 0.2, 0.9], "слой 2": [[-1, -0.5], [0.5, 1]] }, { bins: 4, title: "Активации" }),
  roc: () => plot.roc([{ name: "модель", yTrue: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8] }], { title: "ROC" }),
  heatmap: () => plot.heatmap([[0.5, -1], [2, 0]], { zmid: 0, title: "Веса", colorbarTitle: "w" }),
  confusion: () => plot.confusionMatrix([[50, 2], [5, 43]], ["neg", "pos"], { title: "Матрица ошибок" }),
  images: () => plot.imageGrid([[[0, 1], [1, 0]], [[1, 1], [0, 0]], [[0, 0], [0, 1]]], { labels: [7, 2, 1], title: "Цифры" }),
};
