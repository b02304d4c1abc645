// TypeScript declarations of a policy's input and result, made from their JSON Schemas by
// json-schema-to-typescript (loaded on first use: only `compile --target types|ts|js` needs it).
import type { IRPolicy } from "../ir.js";
import { inputSchema } from "./input-schema.js";
import type { PolicyRef } from "./result-shape.js";
import { resultSchema, type JsonSchema } from "./result-schema.js";

/** Line terminators that are not newlines would end a `//` comment; escape them wherever they occur. */
function escapeSeparators(s: string): string {
  return s.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

async function toTs(schema: JsonSchema, name: string, unreachable: boolean): Promise<string> {
  const { compile } = await import("json-schema-to-typescript");
  // Only local references: drop the ids so the reference resolver never looks at a URL.
  const { $id: _id, $schema: _s, $comment: _c, ...local } = structuredClone(schema);
  const text = await compile(local as Parameters<typeof compile>[0], name, {
    bannerComment: "",
    additionalProperties: true,
    unreachableDefinitions: unreachable,
    strictIndexSignatures: false,
    format: true,
    style: { printWidth: 110, singleQuote: false, trailingComma: "all" },
  });
  return escapeSeparators(text).trim();
}

/** `Input`, `Result`, `GradeId`, `MatchedRule`, `Measure`, `Notification`, `ErrorResult`, … as TypeScript. */
export async function policyTypes(ir: IRPolicy, ref: PolicyRef): Promise<string> {
  const input = await toTs(inputSchema(ir, ""), "Input", false);
  const result = await toTs(resultSchema(ir, ref), "Result", true);
  return `${input}\n\n${result}\n`;
}

/** A .d.ts for the generated JavaScript module: the types and the functions it exports. */
export async function policyDeclarations(ir: IRPolicy, ref: PolicyRef, header: string): Promise<string> {
  return [
    header,
    "",
    await policyTypes(ir, ref),
    "/** The policy this module grades by: id, version, and the sha256 of its source. */",
    "export declare const policy: PolicyRef;",
    "/** Every grade a result can carry, strongest first. */",
    "export declare const gradeIds: readonly GradeId[];",
    "/** Grades a valid record (see validate) as of a day YYYY-MM-DD (China Standard Time); TypeError for a non-object, RangeError for a bad day. */",
    "export declare function evaluate(record: Input, asOf: string): Result;",
    "/** Every way a value breaks the credit record schema, by JSON path; empty when it is a valid record. */",
    "export declare function validate(record: unknown): RecordError[];",
    "/** validate + evaluate, as one line of `credit-policy eval`: a bad record or day gives an error result. */",
    "export declare function grade(record: unknown, asOf: string): Result | ErrorResult;",
    "",
  ].join("\n");
}
