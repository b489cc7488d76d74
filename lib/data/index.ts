// Filled in by its issue; exported from lib/index.ts as the `data` namespace.
export {};
