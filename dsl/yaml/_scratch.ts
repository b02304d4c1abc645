import { parsePolicy } from "../parse.js";
import { formatDiagnostic } from "../diagnostics.js";
import { policyToYaml } from "./emit-yaml.js";
import { parseYamlPolicy } from "./parse-yaml.js";
import { stripSpans } from "../span.js";
const src = String.raw`policy "demo x" {
  title "Demo: a #test"
  issued 2021-08-19
  effective unstated
  trial no
  version "2021-08-19"
  source "null"
}
note "general \"note\"\nsecond line"
note 第八条 "\"quoted\" start"
severity { warning < fine = confiscation }
disregard revoked 第十六条
let a = count sanctions where status = "x" and date >= 2021-01-01 in last 6 months
let b = exists ratings
let c = sum amount(fine) of violations where severe
let d = a + 1 - 2
grade A "Good" any {
  第八条（一）1: a at least 1 times
  all {
    第八条(一)2 "text: with colon": not (b or c > 3)
    not 第八条（一）3: foo.bar in ("x", "y") and yes and none = null
  }
}
grade B "Bad" 第七条 第八条（二）: d = yes
  note "clause note"
precedence A > B
default B
measures A incentive 第十一条 {
  第十一条（一） "x" tag a = b tag c = d { 第十一条（一）1 "nested" }
}
measures B management 第十二条 { }
notice A 第十四条 "t" options "o1"
record keeping 第十四条 "#t"
test "t1" as of 2021-12-31 {
  record {"id": "x", "n": -1.5, "arr": [true, false, null, "2021-01-01", "yes", "1"], "nested": {"a/b": {"~": 1}}}
  expect grade A
  expect matched 第八条（一）1, 第八条（一）2
  expect measures
}
test "t2" as of 2021-12-31 {
  record {"id": "y", "long": "${"x".repeat(120)}"}
}
`;
const r = parsePolicy(src, "p.policy");
console.log(r.diagnostics.map(d => formatDiagnostic(d)));
for (const lang of ["zh", "en"] as const) {
  const y = policyToYaml(r.policy!, lang);
  console.log(y);
  const back = parseYamlPolicy(y, "p.policy.yaml");
  console.log(lang, back.diagnostics.map(d => formatDiagnostic(d)));
  const norm = (p: any) => { const s = stripSpans(p) as any; for (const t of s.tests) delete t.recordSpans; return s; };
  const a = JSON.stringify(norm(r.policy)), b = JSON.stringify(norm(back.policy));
  console.log(lang, "equal", a === b);
  if (a !== b) { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { console.log(a.slice(i - 200, i + 200)); console.log(b.slice(i - 200, i + 200)); break; } }
  console.log("stable", policyToYaml(back.policy!, lang) === y);
}
