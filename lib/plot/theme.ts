/**
 * The course's chart look: fonts, colours keyed by name, colour scales, and the few default
 * labels the helpers write themselves (in Russian, the course's language, or English).
 */

/** Colours that stay the same in every lecture: one per optimizer, activation and data split. */
export const PALETTE: Readonly<Record<string, string>> = {
  sgd: "#1f77b4", momentum: "#ff7f0e", nesterov: "#2ca02c", adagrad: "#d62728",
  rmsprop: "#9467bd", adadelta: "#8c564b", adam: "#e377c2", adamw: "#7f7f7f", nadam: "#bcbd22",
  sigmoid: "#1f77b4", tanh: "#ff7f0e", relu: "#2ca02c", leakyrelu: "#d62728", elu: "#9467bd",
  gelu: "#8c564b", softplus: "#e377c2", swish: "#bcbd22", linear: "#7f7f7f", softmax: "#17becf",
  train: "#1f77b4", validation: "#ff7f0e", val: "#ff7f0e", test: "#2ca02c",
};

/** Colours for everything not in {@link PALETTE}, and for classes 0, 1, 2, ... */
export const SEQUENCE: readonly string[] = [
  "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

/** Key of a series name in {@link PALETTE}: its first word, lower case, letters and digits only. */
export function paletteKey(name: string): string {
  return (name.trim().split(/[\s(,:=]/)[0] ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Colour of a named series: the course colour for known names ("Adam", "ReLU", "Adam (lr=0.1)",
 * "train"), otherwise the `index`-th colour of {@link SEQUENCE}.
 *
 * @param name - series name as shown in the legend
 * @param index - position of the series in its figure, used for unknown names (>= 0)
 * @returns a `#rrggbb` colour
 * @example
 * colorFor("RMSprop", 0); // "#9467bd", the same in every lecture
 */
export function colorFor(name: string | undefined, index: number): string {
  const known = name === undefined ? undefined : PALETTE[paletteKey(name)];
  return known ?? SEQUENCE[((index % SEQUENCE.length) + SEQUENCE.length) % SEQUENCE.length];
}

/** A colour scale as Plotly takes it: stops from 0 to 1. */
export type ColorScale = Array<[number, string]>;

/** Scales written out in full so the figure JSON needs no renderer-specific names. */
export const SCALES: Readonly<Record<"viridis" | "blues" | "greys" | "rdbu" | "ink", ColorScale>> = {
  viridis: [[0, "#440154"], [0.25, "#3b528b"], [0.5, "#21918c"], [0.75, "#5ec962"], [1, "#fde725"]],
  blues: [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]],
  greys: [[0, "#000000"], [1, "#ffffff"]],
  rdbu: [[0, "#2166ac"], [0.5, "#f7f7f7"], [1, "#b2182b"]],
  ink: [[0, "#ffffff"], [1, "#000000"]],
};

/** Name of one of the {@link SCALES}. */
export type ScaleName = keyof typeof SCALES;

/** Font used by Plotly and by the static SVG; DejaVu Sans carries Cyrillic on Linux. */
export const FONT = { family: "'DejaVu Sans', Arial, sans-serif", size: 14, color: "#222222" };

/** Languages the built-in labels are written in. */
export type Locale = "ru" | "en";

const WORDS = {
  ru: { step: "шаг", rate: "шаг/с", eta: "осталось", fpr: "Доля ложноположительных (FPR)", tpr: "Доля истинноположительных (TPR)",
    chance: "случайный классификатор", predicted: "Предсказанный класс", actual: "Истинный класс", count: "Количество", value: "Значение",
    minimum: "минимум", cls: "класс", probability: "P(класс 1)" },
  en: { step: "step", rate: "steps/s", eta: "ETA", fpr: "False positive rate", tpr: "True positive rate",
    chance: "chance", predicted: "Predicted class", actual: "True class", count: "Count", value: "Value",
    minimum: "minimum", cls: "class", probability: "P(class 1)" },
};

/** Words the helpers use when the caller gives no label of their own. */
export type Words = (typeof WORDS)["en"];

let locale: Locale = "ru";

/** Sets the language of built-in labels for all later charts (default "ru"). */
export function setLocale(next: Locale): void {
  if (!(next in WORDS)) throw new Error(`plot.setLocale: expected "ru" or "en", got ${JSON.stringify(next)}`);
  locale = next;
}

/** Built-in labels in `which` language, or the current one. */
export function words(which?: Locale): Words {
  return WORDS[which ?? locale];
}
