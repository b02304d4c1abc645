// `credit-policy new --department NAME | --name NAME [--plan PLAN] [--id ID] [--output DIR] [--force]`:
// writes a department policy drafted from its city plan into policies/<id>/<id>.policy.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { draftDepartmentPolicy, findDepartment, listDepartments } from "../../compiler/draft.js";
import { formatDiagnostic, hasErrors } from "../../diagnostics/diagnostics.js";
import { parsePolicy } from "../../dsl/parse.js";
import { formatPolicy } from "../../dsl/print/format.js";
import { defineCommand } from "../command.js";
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

export const command = defineCommand({
  name: "new",
  summary: "Draft a department policy from a city plan, with the places to fill marked 待填写.",
  usage: "--department NAME | --name NAME --id ID [--plan PLAN] [--output DIR] [--force]",
  description: "Writes DIR/ID/ID.policy (DIR: policies by default) and prints its path.",
  positionals: [],
  options: {
    department: { type: "string", value: "NAME", help: "a department of the plan's annex; its id follows from its row" },
    name: { type: "string", value: "NAME", help: "any other department (needs --id)" },
    plan: { type: "string", value: "PLAN", help: "the city plan (default: wugang-credit-plan)" },
    id: { type: "string", value: "ID", help: "the new policy's id and folder: lower-case letters, digits and -" },
    output: { type: "string", value: "DIR", help: "the folder to create the policy's folder in (default: policies)" },
    force: { type: "boolean", help: "overwrite an existing policy file" },
  },
  run({ values }, io) {
    return newCommand(
      {
        ...(values.department ? { department: values.department } : {}),
        ...(values.name ? { name: values.name } : {}),
        ...(values.plan ? { plan: values.plan } : {}),
        ...(values.id ? { id: values.id } : {}),
        ...(values.output ? { output: values.output } : {}),
        ...(values.force ? { force: true } : {}),
      },
      io,
    );
  },
});
