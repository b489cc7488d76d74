/**
 * Keeps `natural` silent on import. Its storage modules call `dotenv.config()` at load time, and
 * dotenv 17 logs a "tip" line unless `DOTENV_CONFIG_QUIET` is set; in a notebook that line would
 * land in the cell output. Import this module before `natural` (imports are hoisted, so setting
 * the variable in the importing file would come too late). An explicit value is respected.
 */
process.env.DOTENV_CONFIG_QUIET ??= "true";

export {};
