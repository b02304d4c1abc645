// One row of an office's file → one item of a credit record (a decision, a list membership, a
// status change), or the reasons it cannot be one. Every problem of the row is reported, the first
// being its code. Nothing is guessed: a value the tables do not know, a date in no accepted form, an
// amount finer than a fen, a code whose check character is wrong each reject the row. No Node APIs.
import type { DiagnosticCode, MessageKey } from "../diagnostics/catalogue.js";
import { formatYuan } from "../record/money.js";
import { checkIdCard, checkUscc, isExcelScientific, isMasked, usccCheckChar } from "./codes.js";
import type { HeaderMatch } from "./headers.js";
import { penaltyKinds, type Tables } from "./tables.js";
import { clean, compact } from "./text.js";
import { amountsInText, parseAmount, parseDate, type Unit } from "./values.js";

export type SubjectKind = "legal_person" | "organization" | "natural_person";
export type Status = "in_force" | "revoked" | "repaired";
export type CodeId = "uscc" | "regno" | "orgcode" | "taxno" | "pubinst" | "socorg" | "person";

export interface RowError {
  code: DiagnosticCode;
  /** The catalogue message when it is not the code's own (a variant). */
  key?: MessageKey;
  args: string[];
  /** The column as its header is written, when the problem is in one. */
  column?: string;
}

export interface Subject {
  /** The record id: the 统一社会信用代码, else `regno:…`, `orgcode:…`, …, `idcard:…` (ingest/README.md). */
  key: string;
  codes: Partial<Record<CodeId, string>>;
  name?: string;
  kind: SubjectKind;
}

export interface Penalty {
  kind: string;
  amount?: string;
}

export interface DecisionItem {
  type: "decision";
  subject: Subject;
  no: string;
  authority: string;
  date: string;
  /** As the row states it (2016's 当前状态); undefined when the layout has no such column. */
  status?: Status;
  penalties: Penalty[];
  violationType?: string;
  severe?: boolean;
  validUntil?: string;
  publishUntil?: string;
  /** Cells of columns the layout does not name: header, value, header, value … (headers shared by the table's rows). */
  extra?: string[];
}

export interface ListItem {
  type: "list";
  subject: Subject;
  list: "red" | "black" | "watch" | "abnormal";
  from: string;
  until?: string;
  source?: string;
  extra?: string[];
}

export interface RepairItem {
  type: "repair";
  no: string;
  authority?: string;
  status: Status;
  date: string;
  uscc?: string;
}

export type RowResult = DecisionItem | ListItem | RepairItem | { type: "reject"; errors: RowError[] };

/** Fallback codes in the order a subject is keyed by them when it has no 统一社会信用代码. */
const FALLBACKS = ["regno", "orgcode", "taxno", "pubinst", "socorg"] as const;

/** Reads one table's rows: the header match fixed, a row's cells in, its item or errors out. */
export class RowMapper {
  constructor(
    readonly tables: Tables,
    readonly match: HeaderMatch,
  ) {}

  map(cells: readonly string[]): RowResult {
    const row = new Row(this.tables, this.match, cells);
    const item = this.read(row);
    return row.errors.length || !item ? { type: "reject", errors: row.errors } : item;
  }

  private read(r: Row): RowResult | undefined {
    switch (this.match.layout.feed) {
      case "penalties":
        return readDecision(r);
      case "lists":
        return readList(r);
      case "repairs":
        return readRepair(r);
    }
  }
}

class Row {
  readonly errors: RowError[] = [];
  /** Cleaned cell texts by column id, computed once. */
  private readonly texts = new Map<string, string>();
  constructor(
    readonly tables: Tables,
    readonly match: HeaderMatch,
    readonly cells: readonly string[],
  ) {}

  header(id: string): string {
    const i = this.match.index.get(id);
    return i === undefined ? (this.match.layout.columns[id]?.[0] ?? id) : (this.match.header[i] as string).trim();
  }

  has(id: string): boolean {
    return this.match.index.has(id);
  }

  raw(id: string): string {
    const i = this.match.index.get(id);
    return i === undefined ? "" : (this.cells[i] ?? "");
  }

  /** The cell's text, cleaned; "" when empty or a placeholder such as 无 or /. */
  text(id: string): string {
    let t = this.texts.get(id);
    if (t === undefined) {
      t = clean(this.raw(id));
      if (t !== "" && this.tables.blank.has(t.replace(/ /g, ""))) t = "";
      this.texts.set(id, t);
    }
    return t;
  }

  fail(code: DiagnosticCode, args: string[], column?: string, key?: MessageKey): undefined {
    this.errors.push({ code, args, ...(column ? { column } : {}), ...(key ? { key } : {}) });
    return undefined;
  }

  required(id: string): string | undefined {
    const t = this.text(id);
    return t === "" ? this.fail("CP-E0911", [this.header(id)], this.header(id)) : t;
  }

  date(id: string, required: boolean): string | undefined {
    const t = this.text(id);
    if (t === "") return required ? this.fail("CP-E0911", [this.header(id)], this.header(id)) : undefined;
    return parseDate(t) ?? this.fail("CP-E0903", [this.header(id), t], this.header(id));
  }

  lookup<V>(id: string, table: Map<string, V>): V | undefined {
    const t = this.text(id);
    if (t === "") return undefined;
    const v = table.get(t.replace(/ /g, ""));
    return v !== undefined ? v : this.fail("CP-E0908", [this.header(id), t], this.header(id));
  }

  /** Columns the layout does not name, non-empty: header, value, header, value … */
  extra(): string[] | undefined {
    let out: string[] | undefined;
    for (const { index, header } of this.match.extra) {
      const v = (this.cells[index] ?? "").trim();
      if (v === "") continue;
      (out ??= []).push(header, v);
    }
    return out;
  }

  /** An upper-case code without spaces (or hyphens, which 组织机构代码 are often written with), or "" if blank. */
  code(id: string): string {
    const t = this.text(id);
    if (t === "") return "";
    const c = compact(t).toUpperCase().replace(/[-‐－]/g, "");
    if (/^0+$/.test(c)) return "";
    if (isExcelScientific(c)) {
      this.fail("CP-E0905", [this.header(id), t], this.header(id), "CP-E0905/excel-number");
      return "";
    }
    return c;
  }
}

/** The row's 统一社会信用代码 if it has a well-formed one with the right check character; "" if blank. */
function usccCell(r: Row): string {
  const uscc = r.code("uscc");
  if (!uscc) return "";
  const check = checkUscc(uscc);
  if (check === "ok") return uscc;
  if (check === "format") r.fail("CP-E0906", [r.header("uscc"), uscc], r.header("uscc"), "CP-E0906/format");
  else r.fail("CP-E0906", [uscc, usccCheckChar(uscc.slice(0, 17)) ?? "?"], r.header("uscc"));
  return "";
}

/** The subject a row names: by 统一社会信用代码 (checked), else another code, else a person's 证件号码. */
function readSubject(r: Row): Subject | undefined {
  const before = r.errors.length;
  const codes: Partial<Record<CodeId, string>> = {};
  const uscc = usccCell(r);
  if (uscc) codes.uscc = uscc;
  for (const id of FALLBACKS) {
    const c = r.code(id);
    if (c) codes[id] = c;
  }
  const person = readPerson(r);
  if (person) codes.person = person;
  if (r.errors.length > before) return undefined;

  const key = codes.uscc ?? FALLBACKS.map((id) => (codes[id] ? `${id}:${codes[id]}` : "")).find(Boolean) ?? codes.person;
  if (!key) return r.fail("CP-E0905", []);
  const name = r.text("subject_name");
  return { key, codes, ...(name ? { name } : {}), kind: subjectKind(r, codes) };
}

/** `idcard:…` (checked), `passport:…` …, or undefined; a masked number is an error only when it is all there is. */
function readPerson(r: Row): string | undefined {
  const raw = r.text("id_number");
  if (raw === "") return undefined;
  const number = compact(raw).toUpperCase();
  if (isMasked(number)) {
    if (!r.text("uscc") && !FALLBACKS.some((id) => r.text(id))) r.fail("CP-E0905", [r.header("id_number"), raw], r.header("id_number"), "CP-E0905/masked");
    return undefined;
  }
  if (isExcelScientific(number)) return r.fail("CP-E0905", [r.header("id_number"), raw], r.header("id_number"), "CP-E0905/excel-number");
  // 2016's 居民身份证号 column names its type; elsewhere 证件类型 does, and a number that is a
  // well-formed 18-character 身份证号码 needs none.
  let type = r.has("id_type") ? r.lookup("id_type", r.tables.idTypes) : undefined;
  if (r.has("id_type") && r.text("id_type") !== "" && !type) return undefined;
  if (!type && (r.match.layout.id === "penalty-2016" || /^\d{17}[\dX]$/.test(number))) type = { prefix: "idcard", check: "gb11643" };
  if (type?.check === "gb11643" && checkIdCard(number) !== "ok") return r.fail("CP-E0906", [r.header("id_number"), raw], r.header("id_number"), "CP-E0906/id-card");
  return `${type?.prefix ?? "cert"}:${number}`;
}

/**
 * 行政相对人类别 through the table; without it, from the codes: a person's 证件号码 alone is a
 * natural person. A legal person whose 统一社会信用代码 is registered by 民政 (登记管理部门码 5:
 * 社会团体, 民办非企业单位, 基金会) is a 社会组织 (GB 32100-2015 表1).
 */
function subjectKind(r: Row, codes: Partial<Record<CodeId, string>>): SubjectKind {
  const byTable = r.has("subject_category") ? r.lookup("subject_category", r.tables.subjectCategories) : undefined;
  const kind: SubjectKind = byTable ?? (!codes.uscc && !FALLBACKS.some((id) => codes[id]) ? "natural_person" : "legal_person");
  return kind === "legal_person" && codes.uscc?.startsWith("5") ? "organization" : kind;
}

function amount(r: Row, ids: [string, Unit][]): { fen: bigint; column: string } | undefined {
  for (const [id, unit] of ids) {
    const t = r.text(id);
    if (t === "") continue;
    const a = parseAmount(t, unit);
    if ("error" in a) return r.fail("CP-E0904", [r.header(id), t], r.header(id));
    return { fen: a.fen, column: r.header(id) };
  }
  return undefined;
}

/** The one amount of a kind a 2016 row's 处罚结果 states (all its mentions must agree). */
function amountInText(r: Row, found: string[]): { fen: bigint; column: string } | undefined {
  const column = r.header("penalty_content");
  const fens = new Set<bigint>();
  for (const f of found) {
    const a = parseAmount(f, "yuan");
    if ("fen" in a) fens.add(a.fen);
  }
  if (fens.size > 1) return r.fail("CP-E0904", [column, found.join("、")], column, "CP-E0904/ambiguous");
  const [fen] = fens;
  return fen === undefined ? undefined : { fen, column };
}

function readDecision(r: Row): DecisionItem | undefined {
  const subject = readSubject(r);
  const no = r.required("decision_no");
  const authority = r.required("authority");
  const date = r.date("decision_date", true);

  const kindsCells = [r.text("penalty_kinds"), r.text("penalty_kinds_2")].filter((t) => t !== "");
  const kinds: string[] = [];
  if (kindsCells.length === 0) r.fail("CP-E0911", [r.header("penalty_kinds")], r.header("penalty_kinds"));
  for (const cell of kindsCells) {
    const k = penaltyKinds(r.tables, cell);
    if ("unknown" in k) r.fail("CP-E0902", [k.unknown], r.header("penalty_kinds"));
    else if ("ambiguous" in k) r.fail("CP-E0902", [k.ambiguous, k.note], r.header("penalty_kinds"), "CP-E0902/ambiguous");
    else for (const kind of k.kinds) if (!kinds.includes(kind)) kinds.push(kind);
  }

  // Amounts: the template's columns (万元, or 元 in some local variants); a 2016 row without them
  // states its amounts in 处罚结果.
  const inText = !r.has("fine_wan") && !r.has("fine_yuan") && r.has("penalty_content") ? amountsInText(r.text("penalty_content")) : undefined;
  const fine = inText ? amountInText(r, inText.fine) : amount(r, [["fine_wan", "wan"], ["fine_yuan", "yuan"]]);
  const confiscation = inText ? amountInText(r, inText.confiscation) : amount(r, [["confiscation_wan", "wan"], ["confiscation_yuan", "yuan"]]);
  const penalties: Penalty[] = kinds.map((kind) => ({ kind }));
  const place = (kind: string, a: { fen: bigint; column: string } | undefined) => {
    if (!a || a.fen === 0n) {
      if (kind === "fine" && kinds.includes("fine")) r.fail("CP-E0904", [inText ? r.header("penalty_content") : r.header("fine_wan")], undefined, "CP-E0904/missing");
      return;
    }
    const p = penalties.find((x) => x.kind === kind);
    if (!p) return r.fail("CP-E0904", [a.column, formatYuan(a.fen)], a.column, "CP-E0904/no-kind");
    p.amount = formatYuan(a.fen);
  };
  if (kindsCells.length) {
    place("fine", fine);
    place("confiscation", confiscation);
  }

  const status = r.has("current_status") ? r.lookup("current_status", r.tables.statuses) : undefined;
  const severe = r.has("severe") ? r.lookup("severe", r.tables.yesNo) : undefined;
  const validUntil = r.date("valid_until", false);
  const publishUntil = r.date("publish_until", false);
  const violationType = r.text("violation_type");
  const extra = r.extra();
  if (!subject || !no || !authority || !date || r.errors.length) return undefined;
  return {
    type: "decision",
    subject,
    no: decisionNo(no),
    authority: compact(authority),
    date,
    ...(status ? { status } : {}),
    penalties,
    ...(violationType ? { violationType } : {}),
    ...(severe !== undefined ? { severe } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(publishUntil ? { publishUntil } : {}),
    ...(extra ? { extra } : {}),
  };
}

function readList(r: Row): ListItem | undefined {
  const subject = readSubject(r);
  const kindText = r.required("list_kind");
  const list = kindText ? r.lookup("list_kind", r.tables.listKinds) : undefined;
  const from = r.date("list_from", true);
  const until = r.date("list_until", false);
  if (from && until && until < from) r.fail("CP-E0903", [r.header("list_until"), until, from], r.header("list_until"), "CP-E0903/order");
  const source = r.text("list_source");
  const extra = r.extra();
  if (!subject || !list || !from || r.errors.length) return undefined;
  return { type: "list", subject, list, from, ...(until ? { until } : {}), ...(source ? { source } : {}), ...(extra ? { extra } : {}) };
}

function readRepair(r: Row): RepairItem | undefined {
  const no = r.required("decision_no");
  const statusText = r.required("repair_status");
  const status = statusText ? r.lookup("repair_status", r.tables.statuses) : undefined;
  const date = r.date("repair_date", true);
  const authority = r.text("authority");
  const uscc = usccCell(r);
  if (!no || !status || !date || r.errors.length) return undefined;
  return { type: "repair", no: decisionNo(no), status, date, ...(authority ? { authority: compact(authority) } : {}), ...(uscc ? { uscc } : {}) };
}

/** A 决定书文号 as compared and written: NFKC (１２号 → 12号), no spaces. */
export function decisionNo(text: string): string {
  return compact(text);
}

