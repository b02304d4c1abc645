import { describe, it, expect } from "vitest";
import { validateRecord, recordSchema, type CreditRecord, type RecordError } from "../../record/validate.js";
import { renderRecordError } from "../../diagnostics/catalogue.js";

// A record that uses every field of every part; each case below breaks exactly one thing.
function fullRecord(): CreditRecord {
  return {
    id: "91140000MA0KXXXX1X",
    name: "某某建设工程有限公司",
    kind: "legal_person",
    lists: [
      { list: "red", from: "2020-01-01", until: "2021-12-31", source: "省发改委" },
      { list: "abnormal", from: "2021-03-01", until: null },
    ],
    honors: [
      { date: "2021-05-01", grantor: "government", for_integrity: true, verified: true, title: "守合同重信用企业" },
      { date: "2021-06-01", grantor: "association", verified: false },
    ],
    sanctions: [
      {
        id: "平市监罚〔2021〕12号",
        date: "2021-07-15",
        authority: "平鲁区市场监督管理局",
        status: "in_force",
        violations: [
          {
            penalties: [
              { kind: "warning" },
              { kind: "fine", amount: "500000.00" },
              { kind: "confiscation", amount: 1234.5 },
            ],
            severe: true,
          },
        ],
      },
      { date: "2020-02-29", status: "repaired", violations: [{ penalties: [{ kind: "order_to_correct" }] }] },
    ],
    commitment_breaches: [{ date: "2021-08-01", status: "in_force" }, { date: "2021-09-01" }],
    determinations: [{ kind: "severe_dishonesty", date: "2021-10-01", by: "县人民政府", status: "revoked" }],
    ratings: [{ by: "税务局", date: "2021-04-01", level: "good" }],
    public_credit: { score: 87.5, date: "2021-11-30" },
    warnings: [{ date: "2021-06-01", deadline: "2021-07-01", rectified_on: "2021-06-20" }, { date: "2021-09-01", deadline: "2021-10-01", rectified_on: null }],
    indicators: { tax_arrears_days: 0, complaint_count: 3 },
  };
}

type Mutation = (r: any) => void;

function brokenBy(mutate: Mutation): RecordError[] {
  const r = fullRecord();
  mutate(r);
  return validateRecord(r);
}

function pathsAndCodes(errors: RecordError[]): Array<[string, string]> {
  return errors.map((e) => [e.path, e.code]);
}

describe("a valid record", () => {
  it("passes with every field of every part present", () => {
    expect(validateRecord(fullRecord())).toEqual([]);
  });

  it("passes with only an id", () => {
    expect(validateRecord({ id: "x" })).toEqual([]);
  });

  it("passes with empty arrays and empty indicators", () => {
    expect(
      validateRecord({
        id: "x",
        lists: [],
        honors: [],
        sanctions: [],
        commitment_breaches: [],
        determinations: [],
        ratings: [],
        warnings: [],
        indicators: {},
      }),
    ).toEqual([]);
  });

  it("accepts every enum value the spec names", () => {
    for (const kind of ["legal_person", "organization", "natural_person"]) {
      expect(validateRecord({ id: "x", kind })).toEqual([]);
    }
    for (const list of ["red", "black", "watch", "abnormal"]) {
      expect(validateRecord({ id: "x", lists: [{ list, from: "2021-01-01" }] })).toEqual([]);
    }
    const kinds = [
      "order_to_correct",
      "warning",
      "criticism",
      "fine",
      "confiscation",
      "suspend_license",
      "downgrade_qualification",
      "revoke_license",
      "restrict_operations",
      "order_suspension",
      "order_closure",
      "restrict_practice",
      "detention",
    ];
    for (const status of ["in_force", "revoked", "repaired"]) {
      const sanction = { date: "2021-01-01", status, violations: [{ penalties: kinds.map((kind) => ({ kind })) }] };
      expect(validateRecord({ id: "x", sanctions: [sanction] })).toEqual([]);
      expect(validateRecord({ id: "x", commitment_breaches: [{ date: "2021-01-01", status }] })).toEqual([]);
      expect(validateRecord({ id: "x", determinations: [{ kind: "severe_dishonesty", date: "2021-01-01", status }] })).toEqual([]);
    }
    for (const level of ["good", "low"]) {
      expect(validateRecord({ id: "x", ratings: [{ by: "a", date: "2021-01-01", level }] })).toEqual([]);
    }
    expect(validateRecord({ id: "x", public_credit: { score: 0, date: "2021-01-01" } })).toEqual([]);
    expect(validateRecord({ id: "x", public_credit: { score: 100, date: "2021-01-01" } })).toEqual([]);
  });
});

// [what is broken, how, expected path, expected code]
const cases: Array<[string, Mutation, string, string]> = [
  // Subject
  ["id missing", (r) => delete r.id, "/id", "CP-R002"],
  ["id empty", (r) => (r.id = ""), "/id", "CP-R007"],
  ["id a number", (r) => (r.id = 91140000), "/id", "CP-R003"],
  ["id null", (r) => (r.id = null), "/id", "CP-R003"],
  ["name a number", (r) => (r.name = 5), "/name", "CP-R003"],
  ["kind unknown", (r) => (r.kind = "company"), "/kind", "CP-R006"],
  ["kind a number", (r) => (r.kind = 1), "/kind", "CP-R006"],
  ["lists an object", (r) => (r.lists = {}), "/lists", "CP-R003"],
  ["honors a string", (r) => (r.honors = "none"), "/honors", "CP-R003"],
  ["sanctions null", (r) => (r.sanctions = null), "/sanctions", "CP-R003"],
  ["commitment_breaches a number", (r) => (r.commitment_breaches = 1), "/commitment_breaches", "CP-R003"],
  ["determinations an object", (r) => (r.determinations = { kind: "severe_dishonesty" }), "/determinations", "CP-R003"],
  ["ratings a string", (r) => (r.ratings = "good"), "/ratings", "CP-R003"],
  ["public_credit a number", (r) => (r.public_credit = 90), "/public_credit", "CP-R003"],
  ["warnings true", (r) => (r.warnings = true), "/warnings", "CP-R003"],
  ["indicators an array", (r) => (r.indicators = [1, 2]), "/indicators", "CP-R003"],
  ["an indicator a string", (r) => (r.indicators.complaint_count = "3"), "/indicators/complaint_count", "CP-R003"],
  ["an indicator null", (r) => (r.indicators.tax_arrears_days = null), "/indicators/tax_arrears_days", "CP-R003"],

  // List
  ["list entry not an object", (r) => (r.lists[1] = "red"), "/lists/1", "CP-R003"],
  ["list missing", (r) => delete r.lists[0].list, "/lists/0/list", "CP-R002"],
  ["list unknown", (r) => (r.lists[0].list = "grey"), "/lists/0/list", "CP-R006"],
  ["list from missing", (r) => delete r.lists[1].from, "/lists/1/from", "CP-R002"],
  ["list from bad", (r) => (r.lists[0].from = "2020-13-01"), "/lists/0/from", "CP-R004"],
  ["list until bad", (r) => (r.lists[0].until = "2021-12-32"), "/lists/0/until", "CP-R004"],
  ["list until a number", (r) => (r.lists[0].until = 20211231), "/lists/0/until", "CP-R004"],
  ["list source a number", (r) => (r.lists[0].source = 1), "/lists/0/source", "CP-R003"],

  // Honor
  ["honor not an object", (r) => (r.honors[0] = null), "/honors/0", "CP-R003"],
  ["honor date missing", (r) => delete r.honors[0].date, "/honors/0/date", "CP-R002"],
  ["honor date bad", (r) => (r.honors[1].date = "2021-06-31"), "/honors/1/date", "CP-R004"],
  ["honor grantor missing", (r) => delete r.honors[0].grantor, "/honors/0/grantor", "CP-R002"],
  ["honor grantor unknown", (r) => (r.honors[0].grantor = "company"), "/honors/0/grantor", "CP-R006"],
  ["honor for_integrity a string", (r) => (r.honors[0].for_integrity = "yes"), "/honors/0/for_integrity", "CP-R003"],
  ["honor verified a number", (r) => (r.honors[1].verified = 1), "/honors/1/verified", "CP-R003"],
  ["honor title a number", (r) => (r.honors[0].title = 2021), "/honors/0/title", "CP-R003"],

  // Sanction
  ["sanction not an object", (r) => (r.sanctions[1] = []), "/sanctions/1", "CP-R003"],
  ["sanction id a number", (r) => (r.sanctions[0].id = 12), "/sanctions/0/id", "CP-R003"],
  ["sanction date missing", (r) => delete r.sanctions[0].date, "/sanctions/0/date", "CP-R002"],
  ["sanction date bad", (r) => (r.sanctions[1].date = "2021-02-30"), "/sanctions/1/date", "CP-R004"],
  ["sanction authority a number", (r) => (r.sanctions[0].authority = 1), "/sanctions/0/authority", "CP-R003"],
  ["sanction status missing", (r) => delete r.sanctions[0].status, "/sanctions/0/status", "CP-R002"],
  ["sanction status unknown", (r) => (r.sanctions[0].status = "cancelled"), "/sanctions/0/status", "CP-R006"],
  ["sanction violations missing", (r) => delete r.sanctions[1].violations, "/sanctions/1/violations", "CP-R002"],
  ["sanction violations an object", (r) => (r.sanctions[0].violations = {}), "/sanctions/0/violations", "CP-R003"],

  // Violation
  ["violation not an object", (r) => (r.sanctions[0].violations[0] = "fine"), "/sanctions/0/violations/0", "CP-R003"],
  ["violation penalties missing", (r) => delete r.sanctions[0].violations[0].penalties, "/sanctions/0/violations/0/penalties", "CP-R002"],
  ["violation penalties a string", (r) => (r.sanctions[1].violations[0].penalties = "fine"), "/sanctions/1/violations/0/penalties", "CP-R003"],
  ["violation severe a string", (r) => (r.sanctions[0].violations[0].severe = "true"), "/sanctions/0/violations/0/severe", "CP-R003"],

  // Penalty
  ["penalty not an object", (r) => (r.sanctions[0].violations[0].penalties[0] = "warning"), "/sanctions/0/violations/0/penalties/0", "CP-R003"],
  ["penalty kind missing", (r) => delete r.sanctions[0].violations[0].penalties[1].kind, "/sanctions/0/violations/0/penalties/1/kind", "CP-R002"],
  ["penalty kind unknown", (r) => (r.sanctions[0].violations[0].penalties[0].kind = "jail"), "/sanctions/0/violations/0/penalties/0/kind", "CP-R006"],
  ["penalty amount too precise", (r) => (r.sanctions[0].violations[0].penalties[1].amount = "500000.001"), "/sanctions/0/violations/0/penalties/1/amount", "CP-R005"],
  ["penalty amount a boolean", (r) => (r.sanctions[0].violations[0].penalties[2].amount = true), "/sanctions/0/violations/0/penalties/2/amount", "CP-R005"],
  ["penalty amount null", (r) => (r.sanctions[0].violations[0].penalties[2].amount = null), "/sanctions/0/violations/0/penalties/2/amount", "CP-R005"],

  // Event (commitment_breaches)
  ["event not an object", (r) => (r.commitment_breaches[0] = "2021-08-01"), "/commitment_breaches/0", "CP-R003"],
  ["event date missing", (r) => delete r.commitment_breaches[1].date, "/commitment_breaches/1/date", "CP-R002"],
  ["event date bad", (r) => (r.commitment_breaches[0].date = "2021/08/01"), "/commitment_breaches/0/date", "CP-R004"],
  ["event status unknown", (r) => (r.commitment_breaches[0].status = "active"), "/commitment_breaches/0/status", "CP-R006"],

  // Determination
  ["determination kind missing", (r) => delete r.determinations[0].kind, "/determinations/0/kind", "CP-R002"],
  ["determination kind unknown", (r) => (r.determinations[0].kind = "dishonesty"), "/determinations/0/kind", "CP-R006"],
  ["determination date missing", (r) => delete r.determinations[0].date, "/determinations/0/date", "CP-R002"],
  ["determination date bad", (r) => (r.determinations[0].date = "2021-10-1"), "/determinations/0/date", "CP-R004"],
  ["determination by a number", (r) => (r.determinations[0].by = 3), "/determinations/0/by", "CP-R003"],
  ["determination status unknown", (r) => (r.determinations[0].status = "void"), "/determinations/0/status", "CP-R006"],

  // Rating
  ["rating by missing", (r) => delete r.ratings[0].by, "/ratings/0/by", "CP-R002"],
  ["rating by a number", (r) => (r.ratings[0].by = 1), "/ratings/0/by", "CP-R003"],
  ["rating date missing", (r) => delete r.ratings[0].date, "/ratings/0/date", "CP-R002"],
  ["rating date bad", (r) => (r.ratings[0].date = "2021-04-01T00:00:00+08:00"), "/ratings/0/date", "CP-R004"],
  ["rating level missing", (r) => delete r.ratings[0].level, "/ratings/0/level", "CP-R002"],
  ["rating level unknown", (r) => (r.ratings[0].level = "excellent"), "/ratings/0/level", "CP-R006"],

  // PublicCredit
  ["public_credit score missing", (r) => delete r.public_credit.score, "/public_credit/score", "CP-R002"],
  ["public_credit score a string", (r) => (r.public_credit.score = "90"), "/public_credit/score", "CP-R003"],
  ["public_credit score above 100", (r) => (r.public_credit.score = 100.5), "/public_credit/score", "CP-R007"],
  ["public_credit score below 0", (r) => (r.public_credit.score = -1), "/public_credit/score", "CP-R007"],
  ["public_credit date missing", (r) => delete r.public_credit.date, "/public_credit/date", "CP-R002"],
  ["public_credit date bad", (r) => (r.public_credit.date = "2021-11-31"), "/public_credit/date", "CP-R004"],

  // Warning
  ["warning date missing", (r) => delete r.warnings[0].date, "/warnings/0/date", "CP-R002"],
  ["warning date bad", (r) => (r.warnings[1].date = "21-09-01"), "/warnings/1/date", "CP-R004"],
  ["warning deadline missing", (r) => delete r.warnings[0].deadline, "/warnings/0/deadline", "CP-R002"],
  ["warning deadline bad", (r) => (r.warnings[0].deadline = ""), "/warnings/0/deadline", "CP-R004"],
  ["warning rectified_on bad", (r) => (r.warnings[0].rectified_on = "2021-06-20 "), "/warnings/0/rectified_on", "CP-R004"],
  ["warning rectified_on false", (r) => (r.warnings[1].rectified_on = false), "/warnings/1/rectified_on", "CP-R004"],
];

describe("each field broken one at a time", () => {
  it.each(cases)("%s → %s %s", (_what, mutate, path, code) => {
    const errors = brokenBy(mutate);
    expect(pathsAndCodes(errors)).toEqual([[path, code]]);
    expect(renderRecordError(errors[0]!, "en")).not.toBe("");
    expect(renderRecordError(errors[0]!, "zh")).not.toBe("");
  });
});

describe("dates", () => {
  const badDates: unknown[] = [
    "2021-02-29", // not a leap year
    "2020-02-30",
    "2021-13-01",
    "2021-00-10",
    "2021-04-31",
    "0000-01-01",
    "2021-1-1",
    "2021/01/01",
    "2021-01-01T00:00:00Z",
    "2021-01-01 ",
    " 2021-01-01",
    "２０２１-01-01", // full-width digits
    "+02021-01-01",
    20210101,
    null,
    {},
  ];
  it.each(badDates)("rejects %j with CP-R004 at the date's path", (date) => {
    const errors = validateRecord({ id: "x", sanctions: [{ date, status: "in_force", violations: [] }] });
    expect(pathsAndCodes(errors)).toEqual([["/sanctions/0/date", "CP-R004"]]);
  });

  it.each(["2020-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2021-12-31"])("accepts %s", (date) => {
    expect(validateRecord({ id: "x", sanctions: [{ date, status: "in_force", violations: [] }] })).toEqual([]);
  });

  it("says what was expected and what was found", () => {
    const [error] = validateRecord({ id: "x", sanctions: [{ date: "2021-02-30", status: "in_force", violations: [] }] });
    expect(renderRecordError(error!, "en")).toBe('expected an ISO date YYYY-MM-DD, got "2021-02-30"');
    expect(renderRecordError(error!, "zh")).toBe('应为 ISO 日期 YYYY-MM-DD，实际为 "2021-02-30"');
  });
});

describe("amounts", () => {
  const withAmount = (amount: unknown) =>
    validateRecord({
      id: "x",
      sanctions: [{ date: "2021-01-01", status: "in_force", violations: [{ penalties: [{ kind: "fine", amount }] }] }],
    });
  const amountPath = "/sanctions/0/violations/0/penalties/0/amount";

  it.each([-1, -0.01, 0.001, 1.005, 1e21, 1e-7, "1,000", "1e3", "500000.001", "-1", "+1", ".5", "5.", "", " 5", "５", "0x10", "Infinity", "NaN"])(
    "rejects %j with CP-R005",
    (amount) => {
      expect(pathsAndCodes(withAmount(amount))).toEqual([[amountPath, "CP-R005"]]);
    },
  );

  it.each(["500000.00", 500000, 0.1, "0.01", 0, "0", 0.01, 1234.5, "1234.5", 9007199254740991])("accepts %j", (amount) => {
    expect(withAmount(amount)).toEqual([]);
  });
});

describe("extra fields", () => {
  it("are allowed at the top level and in every part, and left in place", () => {
    const r: any = fullRecord();
    r.registered_capital = "1000万元";
    r.lists[0].note = "x";
    r.honors[0].level = "省级";
    r.sanctions[0].case_no = 1;
    r.sanctions[0].violations[0].law = "《安全生产法》";
    r.sanctions[0].violations[0].penalties[0].extra = { nested: true };
    r.commitment_breaches[0].letter = "承诺书";
    r.determinations[0].doc = "文号";
    r.ratings[0].score = 95;
    r.public_credit.rank = 3;
    r.warnings[0].issuer = "信用办";
    const before = JSON.stringify(r);
    expect(validateRecord(r)).toEqual([]);
    expect(JSON.stringify(r)).toBe(before);
  });

  it("does not fill in defaults", () => {
    const r = { id: "x", commitment_breaches: [{ date: "2021-01-01" }] };
    expect(validateRecord(r)).toEqual([]);
    expect(r).toEqual({ id: "x", commitment_breaches: [{ date: "2021-01-01" }] });
  });
});

describe("a record that is not an object", () => {
  it.each([null, [], [{ id: "x" }], "x", 5, true])("%j → CP-R001 at the root", (value) => {
    expect(pathsAndCodes(validateRecord(value))).toEqual([["", "CP-R001"]]);
  });
  it("undefined → CP-R001 at the root", () => {
    expect(pathsAndCodes(validateRecord(undefined))).toEqual([["", "CP-R001"]]);
  });
  it("an empty object is missing its id", () => {
    expect(pathsAndCodes(validateRecord({}))).toEqual([["/id", "CP-R002"]]);
  });
});

describe("error list", () => {
  it("reports every problem, one per path, sorted in document order", () => {
    const r: any = fullRecord();
    r.sanctions = Array.from({ length: 11 }, () => ({ date: "2021-01-01", status: "in_force", violations: [] }));
    r.sanctions[10].date = "2021-02-29";
    r.sanctions[2].status = "cancelled";
    delete r.sanctions[2].date;
    r.warnings[0].deadline = "2021-1-1"; // fails format and pattern, reported once
    r.kind = "company";
    delete r.id;
    expect(pathsAndCodes(validateRecord(r))).toEqual([
      ["/id", "CP-R002"],
      ["/kind", "CP-R006"],
      ["/sanctions/2/date", "CP-R002"],
      ["/sanctions/2/status", "CP-R006"],
      ["/sanctions/10/date", "CP-R004"],
      ["/warnings/0/deadline", "CP-R004"],
    ]);
  });

  it("escapes ~ and / in property names as JSON Pointer does", () => {
    const errors = validateRecord({ id: "x", indicators: { "a/b": "1", "c~d": "2" } });
    expect(errors.map((e) => e.path).sort()).toEqual(["/indicators/a~1b", "/indicators/c~0d"]);
  });

  it("is independent between calls", () => {
    expect(validateRecord({})).toHaveLength(1);
    expect(validateRecord({ id: "ok" })).toEqual([]);
  });
});

describe("recordSchema", () => {
  it("is the draft 2020-12 schema with the project's $id", () => {
    expect(recordSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(recordSchema.$id).toBe("https://credit-policy.local/schemas/credit-record.json");
  });

  it("describes every property, in English with the Chinese term", () => {
    const missing: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== "object") return;
      const props = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [name, prop] of Object.entries(props ?? {})) {
        const d = prop.description ?? "";
        if (!/[A-Za-z]/.test(d) || !/[\u4e00-\u9fff]/.test(d)) missing.push(`${where}/${name}`);
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${where}/${key}`);
    };
    visit(recordSchema, "#");
    expect(missing).toEqual([]);
  });
});
