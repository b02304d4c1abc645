// A policy whose every string is an attempt to break out of a string literal, a comment or a
// <script> element of generated code: each payload, if it ever ran as code, would set
// globalThis.__pwned. The tests compile it, import the generated module, and check both that
// nothing ran and that every string comes back exactly as written.

export const PAYLOADS = {
  id: 'adv"${globalThis.__pwned="id"}</script>\u2028',
  title: "*/ globalThis.__pwned = 'title'; /* \u2029 “标题”",
  quote: `"; globalThis.__pwned = "quote"; "`,
  backslash: `\\"; globalThis.__pwned = "backslash"; //`,
  template: "${globalThis.__pwned = 'template'}",
  backtick: "`; globalThis.__pwned = 'backtick'; `",
  script: "</script><script>globalThis.__pwned = 'script'</script>",
  lineSeparators: "\u2028globalThis.__pwned = 'u2028';//\u2029 globalThis.__pwned = 'u2029'",
  comment: "*/ globalThis.__pwned = 'comment'; /*",
  newline: "\nglobalThis.__pwned = 'newline';\n// \r\n",
  chinese: "一年内“严重失信”的（含）、「引号」——信用中国（山西）",
} as const;

const s = (v: string) => JSON.stringify(v);

/** The policy source (English keywords; DSL strings are JSON strings). */
export function adversarialPolicy(): string {
  const P = PAYLOADS;
  return `policy ${s(P.id)} {
  title ${s(P.title)}
  version ${s(P.quote)}
}
note 第一条 ${s(P.comment)}
disregard revoked, repaired 第十六条 ${s(P.newline)}
let hits = count sanctions where 决定机关 = ${s(P.template)} in last 1 year
let __proto__ = count commitment_breaches in last 1 year
grade B ${s(P.script)} 第七条 any {
  第八条（二）1 ${s(P.lineSeparators)}: hits at least 1 times
  第八条（二）3 ${s(P.backslash)}: __proto__ at least 1 times
}
grade A ${s(P.chinese)} 第七条 any {
  第八条（一）1 ${s(P.backtick)}: hits at least 5 times
}
precedence B > A
default none
measures B management 第十二条 ${s(P.quote)} {
  第十二条（一） ${s(P.script)} tag inspection = increased
  第十二条（二） ${s(P.chinese)}
}
notice B 第十四条 ${s(P.newline)} options ${s(P.template)}, ${s(P.lineSeparators)}
record keeping 第十四条 ${s(P.backslash)}
`;
}

/** A record the policy grades B by both rules. */
export const ADVERSARIAL_RECORD = {
  id: PAYLOADS.quote,
  sanctions: [{ date: "2021-06-01", status: "in_force", authority: PAYLOADS.template, violations: [] }],
  commitment_breaches: [{ date: "2021-07-01" }],
};
