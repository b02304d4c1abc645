// `credit-policy new --department NAME | --name NAME [--plan PLAN] [--id ID] [--output DIR] [--force]`:
// writes a department policy drafted from its city plan into policies/<id>/<id>.policy.
// Its options here; its work in ../run/new.ts, loaded on use (start-up loads no more than the option tables).
import { defineCommand } from "../command.js";

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
  async run({ values }, io) {
    const { newCommand } = await import("../run/new.js");
    return await newCommand(
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
