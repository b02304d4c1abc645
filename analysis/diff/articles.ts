// Articles in the order the regulation numbers them (第八条（二）2 after 第八条（一）3, 第十三条
// after 第九条), and the 条 a citation belongs to, so reports group changes by article.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100 };

/** 十三 → 13, 一百零二 → 102. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch] as number;
    else if (ch in UNITS) {
      total += (digit || 1) * (UNITS[ch] as number);
      digit = 0;
    }
  }
  return total + digit;
}

const CN = "[一二三四五六七八九十百零〇两]+";
const ARTICLE = new RegExp(`^(?:第(${CN})条|(${CN})(?=[（(]))(?:[（(](${CN})[）)])?(\\d+)?(?:[（(](\\d+)[）)])?`);

/** Numbers for ordering: [条, 款, 项, …]; unparsable citations sort after the rest by text. */
export function articleKey(article: string): number[] {
  const m = ARTICLE.exec(article);
  if (!m) return [Number.MAX_SAFE_INTEGER];
  return [chineseNumber(m[1] ?? m[2] ?? ""), m[3] ? chineseNumber(m[3]) : 0, m[4] ? Number(m[4]) : 0, m[5] ? Number(m[5]) : 0];
}

export function compareArticles(a: string, b: string): number {
  const x = articleKey(a);
  const y = articleKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

/** The 条 of a citation: 第八条（二）2 → 第八条; a plan's 二（四） → 二. */
export function topArticle(article: string): string {
  const m = new RegExp(`^(?:第${CN}条|${CN}(?=[（(]))`).exec(article);
  return m ? m[0] : article;
}
