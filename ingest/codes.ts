// Identification codes of subjects. The 统一社会信用代码 (GB 32100-2015) is 18 characters from a
// 31-character set (digits and capitals without I, O, Z, S, V): 登记管理部门码 (1), 机构类别码 (1),
// 登记管理机关行政区划码 (6), 主体标识码 = the 组织机构代码 (9), and a check character computed
// from the other 17 with weights 3^i mod 31. The 居民身份证号码 (GB 11643-1999) is 17 digits and a
// check character (ISO 7064 MOD 11-2, X for 10). No Node APIs.

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CodeCheck = "ok" | "format" | "check-digit";

/** The check character of the first 17 characters of a 统一社会信用代码, or undefined if one is not in the set. */
export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i] ?? "?");
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARS[c];
}

/** Whether `code` (already upper-case, no spaces) is a well-formed 统一社会信用代码 with a right check character. */
export function checkUscc(code: string): CodeCheck {
  if (code.length !== 18) return "format";
  for (const ch of code) if (!USCC_CHARS.includes(ch)) return "format";
  return usccCheckChar(code.slice(0, 17)) === code[17] ? "ok" : "check-digit";
}

/** The 组织机构代码 inside a 统一社会信用代码 (characters 9–17), as written without its hyphen. */
export function orgCodeOfUscc(code: string): string {
  return code.slice(8, 17);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** A mainland 居民身份证号码: 18 characters with a right check character (15-digit first-generation numbers have none). */
export function checkIdCard(code: string): CodeCheck {
  if (/^\d{15}$/.test(code)) return "ok";
  if (!/^\d{17}[\dX]$/.test(code)) return "format";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(code[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] === code[17] ? "ok" : "check-digit";
}

/** The check character of a 17-digit 身份证号码 stem (for generators and tests). */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** A code Excel turned into a number and printed in scientific notation (1.40602E+17): its digits are lost. */
export function isExcelScientific(text: string): boolean {
  return /^\d(\.\d+)?E\+?\d+$/i.test(text);
}

/** A number masked for publication (1401**********12): it identifies no one. */
export function isMasked(text: string): boolean {
  return /[*＊]/.test(text);
}
