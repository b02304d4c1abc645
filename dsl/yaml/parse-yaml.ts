// Placeholder until the YAML front-end lands.
import type { Policy } from "../ast.js";
import type { Diagnostic } from "../diagnostics.js";
export function parseYamlPolicy(_text: string, _file: string): { policy?: Policy; diagnostics: Diagnostic[] } {
  return { diagnostics: [] };
}
