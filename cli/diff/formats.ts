// The diff report's forms: shared by the command's option table and the run, which loads lazily.
export type DiffFormat = "text" | "markdown" | "json" | "html";
export const DIFF_FORMATS: readonly DiffFormat[] = ["text", "markdown", "json", "html"];
