// Go to definition, find references and rename, over the index of names (names.ts): a derived
// value, a parameter, a named filter, a per-item output or value, a grade. Record fields and
// enumeration values have references (every clause reading them) but no definition in the policy
// and cannot be renamed: the registry names them.
import { BOUNDARY_WORDS } from "../../dsl/boundary.js";
import { KEYWORDS } from "../../dsl/tokens.js";
import type { DocumentAnalysis } from "./analyze.js";
import { occurrenceAt, WORD_PATTERN } from "./hover.js";
import { say, type Lang } from "./messages.js";
import { targetKey, type Occurrence } from "./names.js";
import type { Range } from "./types.js";

/** The declaration of what the name at the cursor stands for. */
export function definitionAt(a: DocumentAnalysis, line: number, col: number): Range | undefined {
  const o = occurrenceAt(a, line, col);
  if (!o) return undefined;
  const key = targetKey(o.target);
  return a.names.find((x) => x.decl && targetKey(x.target) === key)?.range;
}

/** Every place the name at the cursor is written (its declaration first when asked for). */
export function referencesAt(a: DocumentAnalysis, line: number, col: number, includeDeclaration: boolean): Range[] {
  const o = occurrenceAt(a, line, col);
  if (!o) return [];
  const key = targetKey(o.target);
  const all = a.names.filter((x) => targetKey(x.target) === key && (includeDeclaration || !x.decl));
  return [...all.filter((x) => x.decl), ...all.filter((x) => !x.decl)].map((x) => x.range);
}

const RENAMEABLE = new Set(["value", "param", "filter", "output", "local", "grade"]);

function renameable(a: DocumentAnalysis, o: Occurrence | undefined): o is Occurrence {
  if (!o || !RENAMEABLE.has(o.target.kind)) return false;
  // The YAML form writes grade ids in keys and lists the index does not follow.
  if (o.target.kind === "grade" && a.form === "yaml") return false;
  return a.names.some((x) => x.decl && targetKey(x.target) === targetKey(o.target));
}

/** The range of the name to rename at the cursor, or undefined when nothing there can be renamed. */
export function prepareRenameAt(a: DocumentAnalysis, line: number, col: number): Range | undefined {
  const o = occurrenceAt(a, line, col);
  return renameable(a, o) ? o.range : undefined;
}

const RESERVED = new Set([...KEYWORDS.flatMap((k) => [...k.zh, ...k.en]), ...BOUNDARY_WORDS.flatMap((w) => [...w.zh, ...w.en])]);

/** The names a policy defines, by kind of name: a new name must not be one of them. */
function definedNames(a: DocumentAnalysis, grade: boolean): Set<string> {
  const s = a.symbols;
  if (grade) return new Set(s.grades.map((g) => g.id));
  return new Set([...s.values, ...s.params, ...s.filters, ...s.outputs, ...s.itemValues].map((x) => x.name));
}

export type RenameOutcome = { edits: { range: Range; newText: string }[] } | { error: string };

/** The edits renaming the name at the cursor everywhere it is written. */
export function renameAt(a: DocumentAnalysis, line: number, col: number, newName: string, ui: Lang): RenameOutcome {
  const o = occurrenceAt(a, line, col);
  if (!renameable(a, o)) return { error: say(ui, "rename/notHere") };
  const name = newName.trim();
  const whole = new RegExp(`^(?:${WORD_PATTERN.source})$`);
  if (!whole.test(name) || RESERVED.has(name)) return { error: say(ui, "rename/invalid", JSON.stringify(name)) };
  const old = o.target.kind === "grade" ? o.target.id : "name" in o.target ? o.target.name : "";
  if (name !== old && definedNames(a, o.target.kind === "grade").has(name)) return { error: say(ui, "rename/taken", name) };
  const key = targetKey(o.target);
  return { edits: a.names.filter((x) => targetKey(x.target) === key).map((x) => ({ range: x.range, newText: name })) };
}
