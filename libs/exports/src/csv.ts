import { cellText, type ExportTable } from './export-table';

/** Excel reads a CSV without a byte-order mark in the system's code page: Chinese would be garbled. */
const BOM = '\uFEFF';
/** RFC 4180 line break. */
const CRLF = '\r\n';

/**
 * A spreadsheet runs a cell starting with one of these as a formula (`=HYPERLINK(...)` in a park's
 * name would phone home): such text gets a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Guards text that came from users; numbers the export formatted itself need no guard. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: string[]) => fields.map(csvField).join(',') + CRLF;

function tableLines(table: ExportTable): string {
  const header = csvLine(table.columns.map((column) => neutraliseFormula(column.header)));
  const rows = table.rows.map((row) =>
    csvLine(
      table.columns.map((column) => {
        const text = cellText(row[column.key], column);
        return (column.kind ?? 'text') === 'text' ? neutraliseFormula(text) : text;
      }),
    ),
  );
  return header + rows.join('');
}

/**
 * UTF-8 CSV with a byte-order mark. One table is a plain header-and-rows file that any tool
 * imports; several (a statistics report) are sections, each its title on a line of its own, then
 * its header and rows, with a blank line between sections.
 */
export function toCsv(tables: ExportTable | readonly ExportTable[]): Buffer {
  const list = Array.isArray(tables) ? (tables as readonly ExportTable[]) : [tables as ExportTable];
  const body = list.length === 1 ? tableLines(list[0]) : list.map((table) => csvLine([neutraliseFormula(table.title)]) + tableLines(table)).join(CRLF);
  return Buffer.from(BOM + body, 'utf8');
}

/**
 * Reads RFC 4180 text back into rows of fields (the BOM dropped, a final line break optional);
 * blank lines come back as `['']`. For tests and for anyone checking an export by script.
 */
export function parseCsv(input: Buffer | string): string[][] {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || (character === '\r' && text[index + 1] === '\n')) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (character === '\r') index += 1;
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
