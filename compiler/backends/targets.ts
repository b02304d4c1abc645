// `credit-policy compile --target schema|types|ts|js`: the files each target writes for a policy,
// named after its id. Every file starts with a DO-NOT-EDIT header naming the policy's source and
// its sha256 (JSON files carry it as "$comment").
import type { IRPolicy } from "../ir.js";
import { policyDeclarations, policyTypes } from "./declarations.js";
import { inputSchema } from "./input-schema.js";
import { fileStem } from "./js-literals.js";
import { generateModule, moduleHeader, type ModuleOptions } from "./js-module.js";
import { policyRef, type PolicyRef } from "./result-shape.js";

export { TARGETS, type Target } from "./target-names.js";
import type { Target } from "./target-names.js";

export interface GeneratedFile {
  /** File name inside the output folder. */
  name: string;
  text: string;
}

export interface TargetOptions {
  /** sha256 of the policy source (compilePolicy's result). */
  sha256: string;
  /** The source file as the user named it, for the header. */
  source: string;
  /** Module specifier of the runtime support module (default "credit-policy/support"). */
  supportImport?: string;
  /** The policy reference results carry (default: id, meta.version, sha256). */
  ref?: PolicyRef;
}

/** The files of a target; the first is the one printed when no output folder is given. */
export async function compileTarget(ir: IRPolicy, target: Target, o: TargetOptions): Promise<GeneratedFile[]> {
  const ref = o.ref ?? policyRef(ir, o.sha256);
  const stem = fileStem(ir.id);
  const mod: ModuleOptions = { ref, source: o.source, ...(o.supportImport ? { supportImport: o.supportImport } : {}) };
  const header = (t: string) => moduleHeader(ir, mod, t);
  switch (target) {
    case "schema": {
      const comment = header("schema").replace(/^\/\/ /gm, "").replace(/\n/g, " ");
      return [{ name: `${stem}.input.schema.json`, text: JSON.stringify(inputSchema(ir, comment), null, 2) + "\n" }];
    }
    case "types":
      return [{ name: `${stem}.d.ts`, text: await policyDeclarations(ir, ref, header("types")) }];
    case "ts": {
      const types = await policyTypes(ir, ref);
      return [{ name: `${stem}.ts`, text: generateModule(ir, { ...mod, flavor: "ts", types, target: "ts" }) }];
    }
    case "js": {
      const js = generateModule(ir, { ...mod, flavor: "js", target: "js" });
      return [
        { name: `${stem}.js`, text: js },
        { name: `${stem}.d.ts`, text: await policyDeclarations(ir, ref, header("js")) },
      ];
    }
  }
}
