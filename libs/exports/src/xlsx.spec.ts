import type { ExportTable } from './export-table';
import { readXlsx, sheetName, toXlsx } from './xlsx';

const awards: ExportTable = {
  title: '奖补资金',
  columns: [
    { key: 'park', header: '园区' },
    { key: 'year', header: '年度', kind: 'integer' },
    { key: 'score', header: '得分', kind: 'decimal' },
    { key: 'amount', header: '金额（元）', kind: 'money' },
    { key: 'grantedOn', header: '核定日期', kind: 'date' },
    { key: 'share', header: '占比', kind: 'percent' },
  ],
  rows: [
    { park: '潞州区人力资源服务产业园', year: 2025, score: '92.50', amount: '80000000', grantedOn: '2025-06-30', share: 0.8 },
    { park: '=1+1', year: '2026', score: null, amount: 1n, grantedOn: null, share: 0.2 },
  ],
};

describe('XLSX export', () => {
  it('reads back with exceljs: one sheet per table, Chinese headers, typed values', async () => {
    const counties: ExportTable = { title: '按县区/开发区', columns: [{ key: 'county', header: '县区' }], rows: [{ county: '上党区' }] };
    const sheets = await readXlsx(await toXlsx([awards, counties]));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['奖补资金', '按县区 开发区']);
    expect(sheets[0].rows).toEqual([
      ['园区', '年度', '得分', '金额（元）', '核定日期', '占比'],
      ['潞州区人力资源服务产业园', 2025, 92.5, 800000, new Date(Date.UTC(2025, 5, 30)), 0.8],
      // Text stays text in a workbook: no formula is ever written.
      ['=1+1', 2026, null, 0.01, null, 0.2],
    ]);
    expect(sheets[1].rows).toEqual([['县区'], ['上党区']]);
  });

  it('formats money with thousands separators and two decimals, dates as dates, and bolds the header', async () => {
    const [sheet] = await readXlsx(await toXlsx([awards]));
    expect(sheet.numberFormats).toEqual([undefined, '#,##0', '#,##0.00', '#,##0.00', 'yyyy-mm-dd', '0.00%']);
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.load((await toXlsx([awards])) as unknown as ArrayBuffer);
    const worksheet = workbook.worksheets[0];
    expect(worksheet.getRow(1).getCell(1).font?.bold).toBe(true);
    // Wide enough for the Chinese park name (two units a character).
    expect(worksheet.getColumn(1).width).toBeGreaterThanOrEqual(24);
    expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('makes sheet names Excel accepts: no forbidden characters, at most 31 characters, unique', () => {
    expect(sheetName('a:b\\c/d?e*f[g]h', new Set())).toBe('a b c d e f g h');
    expect(Array.from(sheetName('很'.repeat(40), new Set()))).toHaveLength(31);
    expect(sheetName('统计', new Set(['统计']))).toBe('统计(2)');
    expect(sheetName('', new Set())).toBe('数据');
  });
});
