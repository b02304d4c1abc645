// The dsl/ boundary: front-ends (text, YAML) → AST, and the vocabulary they share.
export * from "./ast.js";
export * from "./boundary.js";
export * from "../diagnostics/diagnostics.js";
export * from "../diagnostics/span.js";
export * from "./units.js";
export { parsePolicy, parseFragment, type ParseResult } from "./parse.js";
export { lex } from "./lexer.js";
export { checkSourceText, decodeSource } from "./source.js";
export { normalizeArticle } from "./cst-to-ast.js";
export { KEYWORDS, BOUNDARY_ID_BY_TOKEN } from "./tokens.js";
