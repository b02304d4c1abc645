// Diagnostics for machines: `check --format json` (one object per diagnostic, both languages) and
// `check --format sarif` (SARIF 2.1.0, what CI systems and code hosts read), and the problems the
// public API returns. Made from the same data the FILE:LINE:COL lines are (diagnostics.ts), so the
// three forms cannot disagree. Browser-safe.
import { renderArg, renderText, severityOf, template, type DiagnosticCode, type Lang } from "./catalogue.js";
import { renderHelp, renderRelated, type Diagnostic } from "./diagnostics.js";
import type { Span } from "./span.js";

/** A place in a file: 1-based line and column of the first character and of the last. */
export interface Location {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** A diagnostic as JSON data: where, what (code, severity, its arguments) and its words in both languages. */
export interface DiagnosticJson {
  file: string;
  /** Absent for a diagnostic about the whole file. */
  location?: Location;
  /** For YAML input a diagnostic may point at a JSON path instead of a span. */
  path?: string;
  severity: "error" | "warning";
  code: DiagnosticCode;
  args: string[];
  message: { zh: string; en: string };
  help?: { zh: string; en: string };
  related?: { location: Location; message: { zh: string; en: string } }[];
}

function locationOf(span: Span): Location {
  return { file: span.file, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol };
}

function both(render: (lang: Lang) => string): { zh: string; en: string } {
  return { zh: render("zh"), en: render("en") };
}

export function diagnosticJson(d: Diagnostic, fallbackFile: string): DiagnosticJson {
  const help = d.help;
  return {
    file: d.span?.file ?? fallbackFile,
    ...(d.span ? { location: locationOf(d.span) } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
    severity: d.severity,
    code: d.code,
    // A reference to the catalogue (a word of the language) as its English text: args stay strings.
    args: d.args.map((a) => (typeof a === "string" ? a : renderArg(a, "en"))),
    message: both((lang) => renderText(d.code, d.args, lang)),
    ...(help ? { help: both((lang) => renderHelp(help, lang)) } : {}),
    ...(d.related?.length ? { related: d.related.map((r) => ({ location: locationOf(r.span), message: both((lang) => renderRelated(r, lang)) })) } : {}),
  };
}

/** What `check --format json` prints: every diagnostic, then the counts. */
export interface CheckReport {
  format: "credit-policy-check";
  formatVersion: 1;
  tool: { name: string; version: string };
  diagnostics: DiagnosticJson[];
  summary: { files: number; errors: number; warnings: number };
}

export function checkReport(items: readonly DiagnosticJson[], files: number, tool: { name: string; version: string }): CheckReport {
  return {
    format: "credit-policy-check",
    formatVersion: 1,
    tool,
    diagnostics: [...items],
    summary: {
      files,
      errors: items.filter((d) => d.severity === "error").length,
      warnings: items.filter((d) => d.severity === "warning").length,
    },
  };
}

// ---- SARIF 2.1.0 (OASIS): the subset a static-analysis run needs.

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  /** Exclusive in SARIF: the column after the last character. */
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion };
  message?: { text: string };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    columnKind: "utf16CodeUnits";
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: "error" | "warning";
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: SarifLocation[];
      properties?: Record<string, unknown>;
    }[];
  }[];
}

/** A file path as a SARIF URI reference: forward slashes, each segment percent-encoded. */
function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/** "中文 (English)", as the command line prints a message; a text that is the same in both once. */
function pair(m: { zh: string; en: string }): string {
  return m.zh === m.en ? m.zh : `${m.zh} (${m.en})`;
}

function sarifLocation(file: string, loc: Location | undefined, message?: string, id?: number): SarifLocation {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: { uri: uriOf(loc?.file ?? file) },
      ...(loc ? { region: { startLine: loc.line, startColumn: loc.col, endLine: loc.endLine, endColumn: loc.endCol + 1 } } : {}),
    },
    ...(message !== undefined ? { message: { text: message } } : {}),
  };
}

/**
 * The diagnostics as one SARIF 2.1.0 run. Messages are "中文 (English)" as on the command line;
 * each code used becomes a rule whose descriptions are its catalogue templates. Columns count
 * UTF-16 code units, as the spans do.
 */
export function sarifLog(items: readonly DiagnosticJson[], tool: { name: string; version: string }): SarifLog {
  const ruleIds = [...new Set(items.map((d) => d.code))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: template(id, "en") },
              fullDescription: { text: `${template(id, "zh")} (${template(id, "en")})` },
              defaultConfiguration: { level: severityOf(id) },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        results: items.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code) as number,
          level: d.severity,
          message: { text: `${pair(d.message)}${d.help ? ` — ${pair(d.help)}` : ""}` },
          locations: [sarifLocation(d.file, d.location)],
          ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => sarifLocation(d.file, r.location, pair(r.message), i + 1)) } : {}),
          ...(d.path !== undefined ? { properties: { jsonPath: d.path } } : {}),
        })),
      },
    ],
  };
}
