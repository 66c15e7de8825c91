// CSV as spreadsheets read it safely. Pure, so it is tested as a table.

/**
 * One CSV cell: RFC 4180 quoting (quotes doubled, the cell quoted when it
 * holds a comma, quote or line break), and text that a spreadsheet would run
 * as a formula (= + - @, tab, carriage return first) prefixed with an
 * apostrophe. Amounts are written by the export itself and never start so.
 */
export function csvCell(value: string, options: { trusted?: boolean } = {}): string {
  const guarded = !options.trusted && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
