// Subjects as rows write them, each distinct one kept once and known by number, and the record id
// each gets. No Node APIs.
import { orgCodeOfUscc } from "./codes.js";
import type { CodeId, Subject } from "./rows.js";
import { finishHash, hashText, IntColumn } from "./store.js";
import { own } from "./text.js";

const FALLBACK_ORDER = ["regno", "orgcode", "taxno", "pubinst", "socorg"] as const;

function hashSubject(s: Subject): number {
  const c = s.codes;
  let h = hashText(s.key, 0);
  h = hashText(s.name ?? "", 0, h ^ 1);
  h = hashText(s.kind, 0, h ^ 2);
  // Named reads, not a loop over the code ids: rows' code objects have many shapes.
  h = hashText(c.uscc ?? "", 0, h ^ 3);
  h = hashText(c.regno ?? "", 0, h ^ 3);
  h = hashText(c.orgcode ?? "", 0, h ^ 3);
  h = hashText(c.taxno ?? "", 0, h ^ 3);
  h = hashText(c.pubinst ?? "", 0, h ^ 3);
  h = hashText(c.socorg ?? "", 0, h ^ 3);
  h = hashText(c.person ?? "", 0, h ^ 3);
  return finishHash(h);
}

function sameSubject(a: Subject, b: Subject): boolean {
  const x = a.codes;
  const y = b.codes;
  return (
    a.key === b.key &&
    a.kind === b.kind &&
    a.name === b.name &&
    x.uscc === y.uscc &&
    x.regno === y.regno &&
    x.orgcode === y.orgcode &&
    x.taxno === y.taxno &&
    x.pubinst === y.pubinst &&
    x.socorg === y.socorg &&
    x.person === y.person
  );
}

/**
 * One Subject object per distinct subject (key, name, kind and codes as rows write them), by
 * number; most subjects have several rows. What is kept is copied out of the row's text (`own`), so
 * it does not keep the file's chunks alive.
 */
export class SubjectTable {
  readonly all: Subject[] = [];
  private readonly first = new Map<number, number>();
  private readonly next = new IntColumn();

  /** The number of the subject equal to `s`, added if it is new. */
  of(s: Subject): number {
    const h = hashSubject(s);
    const head = this.first.get(h);
    for (let i = head ?? -1; i >= 0; i = this.next.get(i)) if (sameSubject(this.all[i] as Subject, s)) return i;
    const codes: Subject["codes"] = {};
    for (const [k, v] of Object.entries(s.codes) as [CodeId, string][]) codes[k] = own(v);
    const i = this.all.push({ key: own(s.key), codes, ...(s.name !== undefined ? { name: own(s.name) } : {}), kind: s.kind }) - 1;
    this.next.push(head ?? -1);
    this.first.set(h, i);
    return i;
  }
}

/**
 * Record ids: a subject's 统一社会信用代码; a subject known only by other codes joins the subject
 * whose 统一社会信用代码 one of them is seen with (in a row giving both), trying its codes in the
 * order regno, orgcode, taxno, pubinst, socorg, or else is keyed by its first code (`regno:…`).
 * The 组织机构代码 inside a 统一社会信用代码 counts as seen with it. A code seen with two different
 * 统一社会信用代码 joins neither. A person's 证件号码 keys that person alone.
 */
export class SubjectIds {
  /** `regno:…` → the 统一社会信用代码 it was seen with; null when seen with more than one. */
  private readonly alias = new Map<string, string | null>();

  private link(code: string, uscc: string): void {
    const had = this.alias.get(code);
    if (had === undefined) this.alias.set(code, uscc);
    else if (had !== null && had !== uscc) this.alias.set(code, null);
  }

  see(s: Subject): void {
    const uscc = s.codes.uscc;
    if (!uscc) return;
    this.link(`orgcode:${orgCodeOfUscc(uscc)}`, uscc);
    for (const k of FALLBACK_ORDER) {
      const v = s.codes[k];
      if (v && !(k === "orgcode" && v === orgCodeOfUscc(uscc))) this.link(`${k}:${v}`, uscc);
    }
  }

  idOf(s: Subject): string {
    if (s.codes.uscc) return s.codes.uscc;
    for (const k of FALLBACK_ORDER) {
      const v = s.codes[k];
      const uscc = v ? this.alias.get(`${k}:${v}`) : undefined;
      if (uscc) return uscc;
    }
    return s.key;
  }
}
