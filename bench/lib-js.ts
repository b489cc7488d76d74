/**
 * The bench measures the lib as the kernel runs it after setup: compiled to JavaScript by
 * scripts/lib-js.cjs (compiled first if lib/ changed since), not its sources through tsx.
 * Imported first by run.ts, before anything imports "dlcourse" (profile.ts and the small speed
 * scripts import lib/engine directly, so they stay on the sources).
 * DLCOURSE_KERNEL_LIB_SOURCES=1 measures the sources instead (A/B).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libJs = require("../scripts/lib-js.cjs") as { useLibJsIfFresh(build?: boolean): string | null };

/** The compiled lib's folder in use, or null when the bench runs the sources. */
export const LIB_JS = libJs.useLibJsIfFresh(true);
