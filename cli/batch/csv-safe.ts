// CSV cells that a spreadsheet would run as a formula (CSV injection, OWASP "CSV Injection"): a
// cell beginning with =, +, -, @, a tab or a carriage return gets a single quote in front, which
// Excel and LibreOffice take as "this cell is text" (csv-stringify quotes the cell where its
// characters need it). Only the output for spreadsheets is changed; JSON Lines keep the value.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
