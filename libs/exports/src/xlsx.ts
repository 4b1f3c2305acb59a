import { Workbook, type Worksheet } from 'exceljs';
import { dayOf, decimalOf, type ExportColumn, type ExportTable, fenOf, fractionOf, integerOf, isBlank } from './export-table';

const NUMBER_FORMATS: Partial<Record<NonNullable<ExportColumn['kind']>, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  percent: '0.00%',
};

/**
 * A cell's value as Excel should hold it: numbers as numbers (so people can sum them), money as
 * yuan, days as dates. Fen → yuan through a float is exact to the cent for any amount below
 * 2^53 fen, far above MAX_FEN.
 */
export function xlsxValue(value: unknown, column: ExportColumn): string | number | Date | null {
  if (isBlank(value)) return null;
  switch (column.kind ?? 'text') {
    case 'integer':
      return integerOf(value, column);
    case 'decimal':
      return Number(decimalOf(value, column));
    case 'money':
      return Number(fenOf(value, column)) / 100;
    case 'date': {
      // Excel dates have no time zone: midnight UTC of the day shows as that day everywhere.
      const [year, month, day] = dayOf(value, column).split('-').map(Number);
      return new Date(Date.UTC(year, month - 1, day));
    }
    case 'percent':
      return fractionOf(value, column);
    case 'text':
      return String(value);
  }
}

/** Display width of text in Excel's units: a Chinese character takes two. */
function displayWidth(text: string): number {
  return Array.from(text).reduce((width, character) => width + ((character.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1), 0);
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(title: string, taken: ReadonlySet<string>): string {
  const base = Array.from(title.replace(/[:\\/?*[\]]/g, ' ').trim() || '数据').slice(0, 31).join('');
  for (let counter = 2, name = base; ; counter += 1) {
    if (!taken.has(name)) return name;
    const suffix = `(${counter})`;
    name = Array.from(base).slice(0, 31 - suffix.length).join('') + suffix;
  }
}

function addTable(sheet: Worksheet, table: ExportTable): void {
  sheet.columns = table.columns.map((column) => ({ key: column.key, header: column.header, style: NUMBER_FORMATS[column.kind ?? 'text'] ? { numFmt: NUMBER_FORMATS[column.kind ?? 'text'] } : {} }));
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((column) => [column.key, xlsxValue(row[column.key], column)])));
  sheet.getRow(1).font = { bold: true };
  table.columns.forEach((column, index) => {
    const texts = [column.header, ...table.rows.slice(0, 500).map((row) => (isBlank(row[column.key]) ? '' : String(row[column.key])))];
    // Room for thousands separators and decimals the number format adds; never absurdly wide.
    const widest = Math.max(...texts.map(displayWidth)) + (column.kind === 'money' ? 4 : 2);
    sheet.getColumn(index + 1).width = Math.min(Math.max(widest, 8), 60);
  });
}

/** One workbook, one sheet per table: a bold, frozen header row, sized columns, typed cells. */
export async function toXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '长治市人力资源服务产业园平台';
  const taken = new Set<string>();
  for (const table of tables) {
    const name = sheetName(table.title, taken);
    taken.add(name);
    addTable(workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] }), table);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet read back: its name and its cells row by row (header first), for tests and checks. */
export interface SheetContent {
  name: string;
  rows: Array<Array<string | number | Date | null>>;
  /** The number format of each column's first data cell. */
  numberFormats: Array<string | undefined>;
}

export async function readXlsx(content: Buffer): Promise<SheetContent[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: SheetContent['rows'] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(Array.from({ length: sheet.columnCount }, (_, index) => (values[index + 1] ?? null) as string | number | Date | null));
    });
    const numberFormats = Array.from({ length: sheet.columnCount }, (_, index) => sheet.getRow(2).getCell(index + 1).numFmt || undefined);
    return { name: sheet.name, rows, numberFormats };
  });
}
