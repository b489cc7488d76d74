/**
 * dlcourse: the course library. Import from notebooks as `import { ... } from "dlcourse"`.
 *
 * Topics live in folders and are exported as namespaces (`optim.Adam`, `init.xavierUniform`,
 * `metrics.rocAuc`, ...); `tf` is the one TensorFlow.js engine shared by the lib and notebooks.
 */
export { tf, ready, availableBackends, backendThreads } from "./backend";
export type { BackendName, ReadyOptions, WasmThreads } from "./backend";
export { display, clearOutput, html, markdown, setDisplaySink, isDisplayable } from "./display";
export type { MimeBundle, Displayable, DisplayOptions, DisplaySink, DisplaySinkOptions, ClearOutputOptions, DisplayContent, DisplayHost } from "./display";

export * as optim from "./optim";
export * as init from "./init";
export * as nn from "./nn";
export * as losses from "./losses";
export * as metrics from "./metrics";
export * as data from "./data";
export * as text from "./text";
export * as plot from "./plot";
export * as exercises from "./exercises";
export * as widgets from "./widgets";
