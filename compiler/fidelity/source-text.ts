// The source text of a regulation, read as its articles: 第N条 with their 款 (paragraphs), 项
// （一） and 目 1.; or a plan's parts 一、 with their items （一）; and an annex (附件). Each unit
// keeps its text and its sentences, in one whitespace-free copy of the document, so quotes can be
// found in it and sentences covered by them.
//
// What is normalised, and nothing else: whitespace (spaces, line breaks, the blank lines and
// stray spaces of PDF extraction, which also split words across pages: "绿\n\n色通道"), and the
// markup of the text files (`#` headings, `**` bold, `- ` list dashes), which is layout, not text.
// Punctuation is kept as it is: `,` and `，` differ.

/** A numbered unit of the source: an article, paragraph, item, sub-item, part, or the annex. */
export interface SourceUnit {
  /** The citation as the policies write it: 第八条（二）2, 第十三条第一款, 二（四）, 三, 附件. */
  id: string;
  level: "article" | "item" | "subitem" | "part" | "annex";
  parent?: SourceUnit;
  children: SourceUnit[];
  /** Its heading (a plan item's title), if any; structure, not a sentence to account for. */
  title?: string;
  /** Where the unit with everything under it lies in `body` (normalised offsets). */
  start: number;
  end: number;
  /** Its own sentences (not its children's), with their offsets in `body`. */
  sentences: Sentence[];
  /** 1-based line in the original text where the unit begins. */
  line: number;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** A lead-in ("…实施下列激励措施：") or a heading: read as structure, not as a rule to account for. */
  structural: boolean;
}

export interface SourceStructure {
  /** "rules" (第N条) or "plan" (一、（一）). */
  style: "rules" | "plan";
  /** The articles' text, whitespace removed and markup stripped, markers left out. */
  body: string;
  /** The whole document the same way (title, document number, preamble included), for metadata. */
  whole: string;
  /** Every unit in document order. */
  units: SourceUnit[];
  byId: Map<string, SourceUnit>;
}

const CN_DIGITS = "一二三四五六七八九十百零〇两";
const CN = `[${CN_DIGITS}]+`;
const ARTICLE_RE = new RegExp(`^第(${CN})条\\s*(.*)$`);
const PART_RE = new RegExp(`^(${CN})、\\s*(.*)$`);
const ITEM_RE = new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*(.*)$`);
const SUBITEM_RE = /^(\d+)\s*[.、．]\s*(.*)$/;
const ANNEX_RE = /^附件\s*(?:[:：]\s*(.*))?$/;
const SENTENCE_END = /[。；;！？!?]/;
/** A paragraph ending like this is complete; one that does not continues on the next line (a PDF page break). */
const PARAGRAPH_END = /[。；;：:！？!?]$/;
/** A run-in heading opening a paragraph: "推进信用分级分类监管。对…" (short, no comma). */
const RUN_IN_HEADING = /^[^，,、；;：:]{2,12}。$/;
const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

/** Whitespace removed: the only normalisation quotes and sources share. */
export function normalise(s: string): string {
  return s.replace(/[\s\u3000\ufeff\u200b]+/g, "");
}

interface Line {
  text: string;
  /** Written as a heading: `#` or a line in `**…**`. */
  heading: boolean;
  line: number;
}

/** The lines of the file without markup, blank lines dropped. */
function cleanLines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let s = raw.trim();
    let heading = false;
    if (/^#+\s*/.test(s)) {
      heading = true;
      s = s.replace(/^#+\s*/, "");
    }
    if (/^\*\*.*\*\*$/.test(s)) heading = true;
    s = s.replace(/\*\*/g, "").replace(/^-\s+/, "").trim();
    if (s) out.push({ text: s, heading, line: i + 1 });
  });
  return out;
}

export function cnNumber(s: string): number {
  const d: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === "十") {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (ch === "百") {
      total += (cur || 1) * 100;
      cur = 0;
    } else cur = d[ch] ?? 0;
  }
  return total + cur;
}

interface Building {
  unit: SourceUnit;
  /** Paragraphs of own text, joined across page breaks. */
  paragraphs: { text: string; heading: boolean }[];
}

/** Reads a regulation's structure; the style is the one its lines use (第N条, or 一、 parts). */
export function readSource(text: string): SourceStructure {
  const lines = cleanLines(text);
  const style: "rules" | "plan" = lines.some((l) => ARTICLE_RE.test(l.text)) ? "rules" : "plan";
  const units: SourceUnit[] = [];
  const building: Building[] = [];
  const byId = new Map<string, SourceUnit>();
  let current: Building | undefined;
  let article: Building | undefined;
  let item: Building | undefined;
  let annex: Building | undefined;
  let lastComplete = true;

  const open = (id: string, level: SourceUnit["level"], parent: Building | undefined, line: number): Building => {
    const unit: SourceUnit = { id, level, children: [], start: 0, end: 0, sentences: [], line };
    if (parent) {
      unit.parent = parent.unit;
      parent.unit.children.push(unit);
    }
    const b: Building = { unit, paragraphs: [] };
    units.push(unit);
    building.push(b);
    if (!byId.has(id)) byId.set(id, unit);
    current = b;
    return b;
  };
  const addText = (b: Building, s: string, heading: boolean, continues: boolean): void => {
    if (!s) return;
    const last = b.paragraphs[b.paragraphs.length - 1];
    if (continues && last && !last.heading) last.text += s;
    else b.paragraphs.push({ text: s, heading });
    lastComplete = heading || PARAGRAPH_END.test(s);
  };

  for (const l of lines) {
    const s = l.text;
    if (annex) {
      // The annex's own heading lines are layout; its rows lose their numbers like items do.
      const row = s.replace(/^\d+\s*[.、．]\s*/, "");
      addText(annex, row, s === "附件" || normalise(s) === annex.unit.title, false);
      continue;
    }
    const ax = ANNEX_RE.exec(s);
    if (ax && (article || item || current)) {
      annex = open("附件", "annex", undefined, l.line);
      if (ax[1]) annex.unit.title = normalise(ax[1]);
      continue;
    }
    const continues = !lastComplete && current !== undefined;
    if (style === "rules") {
      const a = ARTICLE_RE.exec(s);
      if (a) {
        article = open(`第${a[1]}条`, "article", undefined, l.line);
        item = undefined;
        addText(article, a[2] ?? "", false, false);
        continue;
      }
      if (!article) continue; // the preamble: title, document number, the notice
      const it = !continues ? ITEM_RE.exec(s) : null;
      if (it) {
        item = open(`${article.unit.id}（${it[1]}）`, "item", article, l.line);
        addText(item, it[2] ?? "", false, false);
        continue;
      }
      const sub = !continues ? SUBITEM_RE.exec(s) : null;
      if (sub) {
        const parent = item ?? article;
        open(`${parent.unit.id}${sub[1]}`, "subitem", parent, l.line);
        addText(current as Building, sub[2] ?? "", false, false);
        continue;
      }
      // A closing date or signature line after the last article's text is not an article's text.
      if (lastComplete && (DATE_LINE.test(s) || !SENTENCE_END.test(s))) continue;
      addText(current as Building, s, false, continues);
    } else {
      const p = !continues ? PART_RE.exec(s) : null;
      if (p) {
        article = open(p[1] as string, "part", undefined, l.line);
        item = undefined;
        const rest = p[2] ?? "";
        if (rest && !SENTENCE_END.test(rest)) {
          article.unit.title = normalise(rest);
          lastComplete = true;
        } else addText(article, rest, false, false);
        continue;
      }
      if (!article) continue; // the preamble
      const it = !continues ? ITEM_RE.exec(s) : null;
      if (it) {
        item = open(`${article.unit.id}（${it[1]}）`, "item", article, l.line);
        const rest = it[2] ?? "";
        if (l.heading) {
          item.unit.title = normalise(rest);
          lastComplete = true;
        } else addText(item, rest, false, false);
        continue;
      }
      if (lastComplete && DATE_LINE.test(s)) continue;
      addText(current as Building, s, false, continues);
    }
  }

  // Lay the units out in one normalised body, in document order, each unit's own text first.
  let body = "";
  const ends: { b: Building; depth: number }[] = [];
  const depthOf = (u: SourceUnit): number => (u.parent ? depthOf(u.parent) + 1 : 0);
  for (const b of building) {
    const u = b.unit;
    u.start = body.length;
    if (u.title) body += u.title;
    const paras = b.paragraphs.map((p) => ({ ...p, text: normalise(p.text) })).filter((p) => p.text);
    for (const p of paras) {
      const pieces = splitSentences(p.text);
      pieces.forEach((piece, i) => {
        const start = body.length;
        body += piece;
        u.sentences.push({ text: piece, start, end: body.length, structural: p.heading || (i === 0 && pieces.length > 1 && RUN_IN_HEADING.test(piece)) });
      });
    }
    ends.push({ b, depth: depthOf(u) });
  }
  // A unit ends where the next unit at its depth or above begins.
  for (let i = 0; i < ends.length; i++) {
    const { b, depth } = ends[i] as { b: Building; depth: number };
    let end = body.length;
    for (let j = i + 1; j < ends.length; j++) {
      const next = ends[j] as { b: Building; depth: number };
      if (next.depth <= depth) {
        end = next.b.unit.start;
        break;
      }
    }
    b.unit.end = end;
  }
  // A lead-in: the last sentence of a unit with items under it, ending in "：" ("实施下列激励措施：").
  for (const u of units) {
    const last = u.sentences[u.sentences.length - 1];
    if (last && u.children.length > 0 && /[：:]$/.test(last.text)) last.structural = true;
  }
  return { style, body, whole: normalise(lines.map((l) => l.text).join("")), units, byId };
}

/** A paragraph's sentences: each ends after 。；;！？ (the last may end without one). */
export function splitSentences(p: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of p) {
    cur += ch;
    if (SENTENCE_END.test(ch)) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) {
    // Closing quotes or brackets after the end mark belong to the sentence before.
    if (/^[”’」）)]+$/.test(cur) && out.length > 0) out[out.length - 1] += cur;
    else out.push(cur);
  }
  return out;
}

/** The unit a citation names: 第八条（二）2, 第十三条第一款, 二（四）, 三, 附件 (parentheses of either width). */
export function findUnit(src: SourceStructure, citation: string): SourceUnit | undefined {
  const id = canonicalCitation(citation);
  const found = src.byId.get(id);
  if (found) return found;
  // 第N条第一款 of an article with a single paragraph is the article itself; items under a 款 are the article's.
  const kuan = /^(第[^条]+条)第([^款]+)款(.*)$/.exec(id);
  if (kuan) {
    const [, art, n, rest] = kuan as unknown as [string, string, string, string];
    if (rest) return src.byId.get(`${art}${rest}`) ?? (n === "一" ? src.byId.get(art) : undefined);
    if (n === "一") return src.byId.get(art);
  }
  return undefined;
}

/** Full-width parentheses, no spaces: the form units are keyed by. */
export function canonicalCitation(citation: string): string {
  return normalise(citation).replace(/\(/g, "（").replace(/\)/g, "）");
}

/** Whether `inner` is `outer` or lies under it. */
export function within(inner: SourceUnit, outer: SourceUnit): boolean {
  for (let u: SourceUnit | undefined = inner; u; u = u.parent) if (u === outer) return true;
  return false;
}

/** The innermost unit holding the body offset `at`. */
export function unitAt(src: SourceStructure, at: number): SourceUnit | undefined {
  let best: SourceUnit | undefined;
  for (const u of src.units) if (u.start <= at && at < u.end && (!best || within(u, best))) best = u;
  return best;
}
