// Built-in functions of expressions, one row each: the names a policy calls them by and their
// types. The evaluator's and the code generator's implementations are Records over BuiltinFn, so a
// new row fails the build where it must be implemented.
export type BuiltinFn = "later" | "earlier";

export interface BuiltinDef {
  fn: BuiltinFn;
  names: { zh: string[]; en: string[] };
  /** The type every argument must have (two or more arguments), and the result's: IRType tags. */
  arg: "date";
  result: "date";
  doc: { zh: string; en: string };
}

export const BUILTINS: Record<BuiltinFn, BuiltinDef> = {
  later: {
    fn: "later",
    names: { zh: ["较晚"], en: ["later"] },
    arg: "date",
    result: "date",
    doc: { zh: "各日期中较晚者（无日期的不计；都没有时为 无）", en: "the latest of the dates (absent ones skipped; none when all are absent)" },
  },
  earlier: {
    fn: "earlier",
    names: { zh: ["较早"], en: ["earlier"] },
    arg: "date",
    result: "date",
    doc: { zh: "各日期中较早者（无日期的不计；都没有时为 无）", en: "the earliest of the dates (absent ones skipped; none when all are absent)" },
  },
};

export function findBuiltin(name: string): BuiltinDef | undefined {
  return Object.values(BUILTINS).find((b) => b.fn === name || b.names.zh.includes(name) || b.names.en.includes(name));
}
