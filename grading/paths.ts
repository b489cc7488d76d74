import path from "node:path";

/** The repository root (grading/ sits in it). */
export const ROOT = path.resolve(__dirname, "..");
