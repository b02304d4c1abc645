// The names of `compile --target`, apart from the generators: the command line's option table
// reads them without loading any code generator.
export const TARGETS = ["schema", "types", "ts", "js"] as const;
export type Target = (typeof TARGETS)[number];
