// The work of `credit-policy new` (its options: ../commands/new.ts, which loads this module on use).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { draftDepartmentPolicy, findDepartment, listDepartments } from "../../compiler/draft.js";
import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import { formatPolicy } from "../../dsl/print/format.js";
import { line, writeFileAtomic, type Io } from "../io.js";
import { readSource, resolveSinglePolicy, UsageError } from "../load.js";

export interface NewOptions {
  department?: string;
  name?: string;
  plan?: string;
  id?: string;
  output?: string;
  force?: boolean;
}

export function newCommand(opts: NewOptions, io: Io): number {
  if (!opts.department === !opts.name) throw new UsageError("new takes --department NAME (a department of the plan's annex) or --name NAME (any other)");
  const planFile = resolveSinglePolicy(opts.plan ?? "wugang-credit-plan");
  const src = readSource(planFile);
  if (src.error || src.text === undefined) throw new UsageError(`${planFile}: cannot read the plan`);
  const parsed = parsePolicy(src.text, planFile);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) {
    for (const d of parsed.diagnostics) line(io.stderr, formatDiagnostic(d, planFile));
    return 2;
  }
  const plan = parsed.policy;
  const department = (opts.department ?? opts.name) as string;
  const row = findDepartment(plan, department);
  if (opts.department && !row) {
    const known = listDepartments(plan).map((d) => d.unit).join("、");
    throw new UsageError(`${department} is not in the annex of ${plan.id} (${known}); use --name for another department`);
  }
  const prefix = plan.id.split("-")[0] ?? plan.id;
  const id = opts.id ?? (row ? `${prefix}-dept-${String(row.index + 1).padStart(2, "0")}` : undefined);
  if (!id) throw new UsageError("--name needs --id ID (letters, digits and -) for the new policy's folder");
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id must be lower-case letters, digits and -, got ${id}`);
  const draft = draftDepartmentPolicy({ plan, department, id });
  // Canonical layout, so `fmt --check` agrees with what `new` wrote.
  const reparsed = parsePolicy(draft.text, `${id}.policy`);
  const text = reparsed.policy ? formatPolicy(reparsed.policy, { lang: "zh" }) : draft.text;
  const dir = join(opts.output ?? "policies", id);
  const file = join(dir, `${id}.policy`);
  if (existsSync(file) && !opts.force) throw new UsageError(`${file} exists; use --force to overwrite`);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(file, text);
  line(io.stdout, file);
  line(io.stderr, `drafted ${department}${draft.domain ? `（${draft.domain}）` : ""} from ${plan.id}: fill the places marked 待填写, then run credit-policy check --against ${plan.id} ${file}`);
  return 0;
}

