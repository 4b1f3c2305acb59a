import { parseCsv, toCsv } from './csv';
import type { ExportTable } from './export-table';

const parks: ExportTable = {
  title: '园区名单',
  columns: [
    { key: 'name', header: '园区名称' },
    { key: 'area', header: '建筑面积（平方米）', kind: 'decimal' },
    { key: 'staff', header: '管理团队人数', kind: 'integer' },
    { key: 'award', header: '奖补金额（元）', kind: 'money' },
    { key: 'recognisedOn', header: '认定日期', kind: 'date' },
    { key: 'rate', header: '完成率', kind: 'percent' },
  ],
  rows: [
    { name: '潞州区人力资源服务产业园', area: '5200.00', staff: 18, award: '80000000', recognisedOn: '2025-06-30', rate: 0.5 },
    { name: '含,逗号与"引号"\n和换行', area: '3050.5', staff: '7', award: 12345n, recognisedOn: new Date('2025-12-31T16:30:00Z'), rate: null },
    { name: '冲正', area: 0, staff: 0n, award: -150, recognisedOn: undefined, rate: '1' },
  ],
};

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and uses CRLF line breaks, so Excel opens Chinese correctly', () => {
    const bytes = toCsv(parks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe('园区名称,建筑面积（平方米）,管理团队人数,奖补金额（元）,认定日期,完成率');
  });

  it('writes money in yuan with two decimals, days in Asia/Shanghai, percents, and blanks as empty', () => {
    expect(parseCsv(toCsv(parks))).toEqual([
      ['园区名称', '建筑面积（平方米）', '管理团队人数', '奖补金额（元）', '认定日期', '完成率'],
      ['潞州区人力资源服务产业园', '5200.00', '18', '800000.00', '2025-06-30', '50.00%'],
      // 2025-12-31T16:30Z is 1 January 00:30 in Changzhi.
      ['含,逗号与"引号"\n和换行', '3050.5', '7', '123.45', '2026-01-01', ''],
      ['冲正', '0', '0', '-1.50', '', '100.00%'],
    ]);
  });

  it('quotes by RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled', () => {
    const text = toCsv(parks).toString('utf8');
    expect(text).toContain('\r\n"含,逗号与""引号""\n和换行",3050.5,7,123.45,2026-01-01,\r\n');
    expect(text).toContain('\r\n潞州区人力资源服务产业园,5200.00,18,800000.00,2025-06-30,50.00%\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but leaves its own negative numbers alone', () => {
    const table: ExportTable = { title: 't', columns: [{ key: 'text', header: '名称' }, { key: 'amount', header: '金额', kind: 'money' }], rows: ['=HYPERLINK("http://x","点我")', '+1', '-2', '@SUM(A1)', '\tcmd', '\rx', 'a=b', '普通'].map((text) => ({ text, amount: -100 })) };
    expect(parseCsv(toCsv(table)).slice(1)).toEqual([
      [`'=HYPERLINK("http://x","点我")`, '-1.00'],
      ["'+1", '-1.00'],
      ["'-2", '-1.00'],
      ["'@SUM(A1)", '-1.00'],
      ["'\tcmd", '-1.00'],
      ["'\rx", '-1.00'],
      ['a=b', '-1.00'],
      ['普通', '-1.00'],
    ]);
  });

  it('writes several tables as titled sections separated by a blank line', () => {
    const counties: ExportTable = { title: '按县区', columns: [{ key: 'county', header: '县区' }, { key: 'parks', header: '园区数', kind: 'integer' }], rows: [{ county: '潞州区', parks: 2 }] };
    expect(parseCsv(toCsv([parks, counties])).slice(-4)).toEqual([[''], ['按县区'], ['县区', '园区数'], ['潞州区', '2']]);
    expect(parseCsv(toCsv([parks, counties]))[0]).toEqual(['园区名单']);
  });

  it('refuses a report that puts a non-number in a numeric column, rather than writing a wrong figure', () => {
    expect(() => toCsv({ title: 't', columns: [{ key: 'a', header: '金额', kind: 'money' }], rows: [{ a: '12.5' }] })).toThrow('export column a (money, fen) got 12.5');
    expect(() => toCsv({ title: 't', columns: [{ key: 'a', header: '数', kind: 'integer' }], rows: [{ a: 1.5 }] })).toThrow(TypeError);
    expect(() => toCsv({ title: 't', columns: [{ key: 'a', header: '面积', kind: 'decimal' }], rows: [{ a: '1e3' }] })).toThrow(TypeError);
  });
});
