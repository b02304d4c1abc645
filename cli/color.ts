// Whether to colour what goes to a stream: FORCE_COLOR (any value but 0 or false) turns colour on
// even in a pipe, NO_COLOR (any non-empty value, no-color.org) turns it off, and otherwise a
// terminal gets colour unless TERM is dumb. FORCE_COLOR wins over NO_COLOR, as in Node itself.
import type { Writable } from "node:stream";

export function useColor(stream: Writable, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env["NO_COLOR"]) return false;
  return (stream as { isTTY?: boolean }).isTTY === true && env["TERM"] !== "dumb";
}

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const ESC = "\x1b[";
const COLOUR: Paint = {
  red: (s) => `${ESC}31m${s}${ESC}39m`,
  yellow: (s) => `${ESC}33m${s}${ESC}39m`,
  green: (s) => `${ESC}32m${s}${ESC}39m`,
  bold: (s) => `${ESC}1m${s}${ESC}22m`,
  dim: (s) => `${ESC}2m${s}${ESC}22m`,
};
const PLAIN: Paint = { red: (s) => s, yellow: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

export function painter(stream: Writable, env: NodeJS.ProcessEnv = process.env): Paint {
  return useColor(stream, env) ? COLOUR : PLAIN;
}

/** A diagnostic line (`FILE:LINE:COL: error CODE: …`) with its severity and code coloured; the text is unchanged. */
export function paintDiagnostic(text: string, p: Paint): string {
  return text.replace(/^(\S.*?: )(error|warning|note)( (CP-[A-Z]\d+))?(:)/, (_m, where: string, sev: string, code: string | undefined, _c, colon: string) => {
    const s = sev === "error" ? p.red(p.bold(sev)) : sev === "warning" ? p.yellow(p.bold(sev)) : p.dim(sev);
    return `${where}${s}${code ? ` ${p.bold(code.trim())}` : ""}${colon}`;
  });
}
