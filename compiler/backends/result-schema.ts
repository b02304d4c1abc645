// The JSON Schema of one policy's results: a line of `credit-policy eval` and the return value of a
// generated module's evaluate(). Grade ids, articles and value names are the policy's own, so the
// TypeScript declarations made from it (declarations.ts) reject a misspelt grade id.
import { ENUMS } from "../../record/registry.js";
import type { IRCondition, IRPolicy, IRType } from "../ir.js";
import { gradeIds, measuresOf, nullableValues, type PolicyRef } from "./result-shape.js";

export type JsonSchema = { [key: string]: unknown };

function clauseArticles(c: IRCondition, out: Set<string>): void {
  switch (c.kind) {
    case "clause":
      out.add(c.article);
      return;
    case "not":
      clauseArticles(c.item, out);
      return;
    case "any":
    case "all":
      c.items.forEach((i) => clauseArticles(i, out));
      return;
  }
}

function oneOf(values: string[], description?: string): JsonSchema {
  const unique = [...new Set(values)];
  const base: JsonSchema = unique.length ? { type: "string", enum: unique } : { type: "string" };
  return description ? { description, ...base } : base;
}

/** The JSON a derived value of this type shows in a result's "values". */
function valueSchema(t: IRType): JsonSchema {
  switch (t.t) {
    case "count":
      return { type: "integer" };
    case "score":
    case "number":
    case "rank":
      return { type: "number" };
    case "money":
      return { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "yuan with two decimals, e.g. \"500000.00\"" };
    case "bool":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "enum":
      return { enum: ENUMS[t.enum].values.map((v) => v.id) };
    case "null":
      return { type: "null" };
    default:
      return { type: ["string", "number", "boolean"] };
  }
}

function obligationSchema(): JsonSchema {
  return {
    title: "Obligation",
    type: "object",
    additionalProperties: false,
    required: ["obligation", "article", "text", "source", "ref", "date", "due", "status"],
    properties: {
      obligation: { type: "string" },
      article: { type: "string" },
      text: { type: "string" },
      source: { type: "string" },
      ref: { type: "string", description: "The element's id, or its JSON Pointer in the record." },
      date: { type: ["string", "null"] },
      due: { type: ["string", "null"], description: "The due day; null: open with no due day." },
      status: { enum: ["open", "overdue"] },
    },
  };
}

function categorySchema(ids: string[]): JsonSchema {
  return {
    title: "Category",
    type: "object",
    additionalProperties: false,
    required: ["id", "label", "article", "text"],
    properties: { id: oneOf(ids), label: { type: "string" }, article: { type: "string" }, text: { type: "string" } },
  };
}

export function resultSchema(ir: IRPolicy, ref: PolicyRef): JsonSchema {
  const ids = gradeIds(ir);
  const labels = new Map(ir.grades.map((g) => [g.id, g.label]));
  const articles = new Set<string>();
  ir.grades.forEach((g) => clauseArticles(g.condition, articles));
  const categoryIds = [...new Set(ir.categories.map((c) => c.id))];
  const measureArticles = [
    ...[...ir.grades, ...ir.categories].flatMap((g) => measuresOf(ir, g.id).map((m) => m.article)),
    ...ir.itemRules.flatMap((r) => r.categories.flatMap((c) => measuresOf({ ...ir, measures: r.measures }, c.id).map((m) => m.article))),
  ];
  const itemCategoryIds = ir.itemRules.flatMap((r) => r.categories.map((c) => c.id));
  const measureOwner =
    categoryIds.length || itemCategoryIds.length
      ? { anyOf: [{ $ref: "#/$defs/GradeId" }, { type: "string", enum: [...new Set([...categoryIds, ...itemCategoryIds])] }] }
      : { $ref: "#/$defs/GradeId" };
  const extras: JsonSchema = {};
  const extraDefs: JsonSchema = {};
  if (ir.categories.length) {
    extras["categories"] = { description: "The categories (分类) the subject falls in.", type: "array", items: { $ref: "#/$defs/Category" } };
    extraDefs["CategoryId"] = { title: "CategoryId", type: "string", enum: categoryIds };
    extraDefs["Category"] = categorySchema([...categoryIds, ...ir.itemRules.flatMap((r) => r.categories.map((c) => c.id))]);
  }
  if (ir.models.length) {
    extras["scores"] = { description: "The score models computed, with each item's contribution.", type: "array", items: { $ref: "#/$defs/ModelScore" } };
    extraDefs["ModelScore"] = {
      title: "ModelScore",
      type: "object",
      additionalProperties: false,
      required: ["model", "total", "items"],
      properties: {
        model: { type: "string" },
        total: { type: "number" },
        items: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["kind", "name", "value", "contribution"],
            properties: { kind: { type: "string" }, name: { type: "string" }, value: { type: ["number", "null"] }, contribution: { type: "number" } },
          },
        },
      },
    };
  }
  if (ir.obligations.length) {
    extras["obligations"] = { description: "Obligations due, one per matching element of their record part.", type: "array", items: { $ref: "#/$defs/Obligation" } };
    extraDefs["Obligation"] = obligationSchema();
  }
  if (ir.snapshot) extras["data_as_of"] = { description: "The data day: the snapshot day on or before as_of.", type: "string", format: "date" };
  if (ir.itemRules.length) {
    extras["items"] = { description: "Per-item results: for each per-item rule, one entry per item of its part dated on or before the data day.", type: "array", items: { $ref: "#/$defs/ItemResult" } };
    const outputs: JsonSchema = Object.fromEntries(
      ir.itemRules.flatMap((r) => r.outputs.map((o) => [o.name, { description: `${r.name}: ${o.article ?? ""}`.trim(), anyOf: [valueSchema(o.type), { type: "null" }] }])),
    );
    extraDefs["ItemResult"] = {
      title: "ItemResult",
      type: "object",
      additionalProperties: false,
      required: ["rule", "part", "ref", "pointer", "outputs", "matched"],
      properties: {
        rule: oneOf(ir.itemRules.map((r) => r.name), "The per-item rule."),
        part: oneOf([...new Set(ir.itemRules.map((r) => r.part))], "The record part the item belongs to."),
        ref: { type: "string", description: "The item's own id, or its JSON Pointer." },
        pointer: { type: "string", description: "The item's JSON Pointer in the record, e.g. /sanctions/0." },
        outputs: { type: "object", additionalProperties: false, properties: outputs, description: "The rule's outputs for this item." },
        matched: { type: "array", description: "The clauses that decided each output.", items: { $ref: "#/$defs/ItemMatched" } },
        categories: { type: "array", items: { $ref: "#/$defs/Category" } },
        measures: { type: "array", items: { $ref: "#/$defs/Measure" } },
        obligations: { type: "array", items: { $ref: "#/$defs/Obligation" } },
      },
    };
    extraDefs["ItemMatched"] = {
      title: "ItemMatched",
      type: "object",
      additionalProperties: false,
      required: ["output", "article", "text"],
      properties: { output: { type: "string" }, article: { type: "string" }, text: { type: "string" } },
    };
    if (!extraDefs["Obligation"]) extraDefs["Obligation"] = obligationSchema();
    if (!extraDefs["Category"]) extraDefs["Category"] = categorySchema(ir.itemRules.flatMap((r) => r.categories.map((c) => c.id)));
  }
  const nullable = nullableValues(ir);
  // fromEntries: a value named "__proto__" stays an own property.
  const values: JsonSchema = Object.fromEntries(
    ir.values.map((v) => {
      const base = valueSchema(v.type);
      const description = `The derived value “${v.name}”${typeof base["description"] === "string" ? `: ${base["description"]}` : ""}.`;
      return [v.name, nullable.get(v.name) && v.type.t !== "null" ? { description, anyOf: [base, { type: "null" }] } : { ...base, description }];
    }),
  );
  const policyRefSchema: JsonSchema = {
    title: "PolicyRef",
    description: "The policy that graded the record.",
    type: "object",
    additionalProperties: false,
    required: ["id", "version", "sha256"],
    properties: {
      id: { const: ref.id },
      version: { type: "string" },
      sha256: { type: "string", description: "sha256 of the policy source, hex" },
      ...(ir.params.length
        ? {
            params: {
              type: "object",
              description: "The parameters given for this run (eval --param), as written; absent when none was.",
              additionalProperties: false,
              properties: Object.fromEntries(ir.params.map((p) => [p.name, { type: "string" }])),
            },
          }
        : {}),
    },
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Result",
    description: `A record graded by policy ${ref.id}: one line of \`credit-policy eval\`, the return value of evaluate().`,
    type: "object",
    additionalProperties: false,
    required: ["id", "as_of", "policy", "grade", "label", "matched", "measures", "notifications", ...Object.keys(extras)],
    properties: {
      id: { description: "The record's id.", type: ["string", "null"] },
      as_of: { description: "The day graded as of, YYYY-MM-DD (China Standard Time).", type: "string", format: "date" },
      policy: { $ref: "#/$defs/PolicyRef" },
      grade: {
        description: "The grade; null when no grade rule held and the policy names no default.",
        anyOf: [{ $ref: "#/$defs/GradeId" }, { type: "null" }],
      },
      label: { description: "The grade's label as the regulation names it.", type: ["string", "null"] },
      matched: { description: "Every rule that held, with the values that decided it.", type: "array", items: { $ref: "#/$defs/MatchedRule" } },
      measures: { description: "The measures attached to the grade.", type: "array", items: { $ref: "#/$defs/Measure" } },
      notifications: { description: "How the subject is told.", type: "array", items: { $ref: "#/$defs/Notification" } },
      ...extras,
    },
    $defs: {
      GradeId: ids.length
        ? { title: "GradeId", description: ids.map((id) => `${id}: ${labels.get(id) ?? ""}`).join("; "), type: "string", enum: ids }
        : { title: "GradeId", not: {} },
      PolicyRef: policyRefSchema,
      MatchedRule: {
        title: "MatchedRule",
        type: "object",
        additionalProperties: false,
        required: ["grade", "article", "text", "values"],
        properties: {
          grade: { $ref: "#/$defs/GradeId" },
          article: oneOf([...articles], "The article the rule cites."),
          text: { type: "string", description: "The article's text." },
          values: { $ref: "#/$defs/MatchedValues" },
          negated: { const: true, description: "Present when the rule held by not holding (under 非 / not)." },
          override: { const: true, description: "Present when this rule overrode the graded result." },
        },
      },
      MatchedValues: {
        title: "MatchedValues",
        description: "The derived values the rule read.",
        type: "object",
        additionalProperties: false,
        properties: values,
      },
      Measure: {
        title: "Measure",
        type: "object",
        additionalProperties: false,
        required: ["article", "text", "grade"],
        properties: {
          article: oneOf(measureArticles),
          text: { type: "string" },
          grade: measureOwner,
          kind: { type: "string", enum: ["incentive", "management", "punishment"] },
          tags: { type: "object", additionalProperties: { type: "string" } },
        },
      },
      Notification: {
        title: "Notification",
        type: "object",
        additionalProperties: false,
        required: ["article", "options", "text"],
        properties: {
          article: { type: "string" },
          options: { type: "array", items: { type: "string" } },
          text: { type: "string" },
          record_keeping: { type: "array", items: { type: "string" } },
        },
      },
      ...extraDefs,
      ErrorResult: {
        title: "ErrorResult",
        description: "A record that could not be graded, and why.",
        type: "object",
        additionalProperties: false,
        required: ["id", "error"],
        properties: {
          id: { type: ["string", "null"] },
          as_of: { type: "string", format: "date" },
          policy: { $ref: "#/$defs/PolicyRef" },
          error: { $ref: "#/$defs/RecordError" },
        },
      },
      RecordError: {
        title: "RecordError",
        type: "object",
        additionalProperties: false,
        required: ["path", "message", "code"],
        properties: {
          path: { type: "string", description: "JSON Pointer to the offending value; \"\" is the record itself." },
          message: { type: "string" },
          code: { type: "string", pattern: "^CP-R\\d{3}$", description: "A stable code, CP-R000 … CP-R008." },
        },
      },
    },
  };
}
