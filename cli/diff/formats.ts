// The diff report's forms and languages: shared by the command's option table and the run, which loads lazily.
export type DiffFormat = "text" | "markdown" | "json" | "html" | "pdf";
export const DIFF_FORMATS: readonly DiffFormat[] = ["text", "markdown", "json", "html", "pdf"];
export type DiffLang = "zh" | "en";
export const DIFF_LANGS: readonly DiffLang[] = ["zh", "en"];
