// The printer: AST → policy text in either keyword language (expressions, values, whole files).
export {
  boundaryWord,
  keyword,
  printAdditive,
  printBounds,
  printCalendar,
  printExpr,
  printMarker,
  printPrimary,
  printQuantity,
  printValue,
  unitSpelling,
  type Lang,
} from "./expr.js";
export { detectLang, formatPolicy, formatSource, type FormatOptions } from "./format.js";
