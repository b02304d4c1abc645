// Cell text as offices' exports hold it: full-width digits and letters typed by a Chinese input
// method, stray spaces and line breaks, zero-width characters pasted from web pages, and
// placeholders such as 无 or / in cells that are really empty. NFKC folds the full-width forms to
// ASCII (１２ → 12, （ → (), which is how two files that write one value differently compare equal.
// No Node APIs: the mapping from rows to records runs in a browser as well.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u3000]+/g;

// Characters NFKC may change: Latin-1's compatibility forms, combining marks, the compatibility
// blocks of U+2000–U+2FFF (①, Kangxi radicals), the ideographic space, CJK compatibility letters and
// ideographs, presentation and full-width forms. Text without any (most cells) skips normalize().
const MAY_CHANGE = /[ -ÿ̀-ͯ -⿿　㈀-㏿豈-﫿ﬀ-ﭏ︐-﹯＀-￯]/;
const NEEDS_SPACE_WORK = /[\s​-‍⁠﻿]/;

/** NFKC, zero-width characters dropped, spaces and line breaks collapsed to one space, trimmed. */
export function clean(text: string): string {
  const t = MAY_CHANGE.test(text) ? text.normalize("NFKC") : text;
  return NEEDS_SPACE_WORK.test(t) ? t.replace(ZERO_WIDTH, "").replace(SPACES, " ").trim() : t;
}

/** As clean, with every space removed: codes, dates, amounts, coded values. */
export function compact(text: string): string {
  return clean(text).replace(/ /g, "");
}

/**
 * A header as the layout tables compare it: compact, without a leading * (a required-column mark),
 * without a trailing (必填)/(选填)/(必录), and with the brackets of the 2018 template's
 * 行政相对人代码_1 (…) written either way.
 */
export function headerKey(text: string): string {
  return compact(text)
    .replace(/^\*+/, "")
    .replace(/\((必填|选填|必录|选录|可选)\)$/, "")
    .replace(/\*+$/, "");
}

/**
 * A copy of `s` that holds only its own characters. A cell a parser cut out of a chunk of the file
 * may be a view into the whole chunk (V8 keeps substrings of 13 characters or more as slices), so
 * keeping one cell would keep the chunk; what the import keeps for the whole run goes through here.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
