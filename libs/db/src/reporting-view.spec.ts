import { checkReportingView, daysBetween, PERSONAL_DATA_COLUMN, type ReportingView, shanghaiDate, sqlLiteral } from './reporting-view';

const view = (overrides: Partial<ReportingView> = {}): ReportingView => ({
  name: 'registry_parks',
  comment: '产业园区 — One row per park',
  columns: { park_id: '园区 ID — park id', status: '状态 — status' },
  select: 'SELECT 1, 2',
  ...overrides,
});

describe('reporting views: the rules every view follows', () => {
  it('accepts a view documented in Chinese and English', () => {
    expect(checkReportingView(view())).toEqual(view());
  });

  it('refuses a view or column documented in one language only, naming each fault', () => {
    expect(() => checkReportingView(view({ comment: 'One row per park' }))).toThrow('view registry_parks: the comment must be in Chinese and English');
    expect(() => checkReportingView(view({ columns: { park_id: '园区 ID', status: 'status' } }))).toThrow(/registry_parks\.park_id: the comment.*\n.*registry_parks\.status: the comment/s);
    expect(() => checkReportingView(view({ columns: {} }))).toThrow('has no columns');
  });

  it('refuses columns that look like personal data or say who acted', () => {
    for (const column of ['contact_name', 'contact_phone', 'mobile', 'email', 'address', 'source_address', 'filer_name', 'id_number', 'subject', 'actor', 'recorded_by', 'decided_by']) {
      expect(PERSONAL_DATA_COLUMN.test(column)).toBe(true);
      expect(() => checkReportingView(view({ columns: { [column]: '某列 — some column' } }))).toThrow(`column registry_parks.${column} looks like personal data`);
    }
    // Roles, organisations and codes are not personal data.
    for (const column of ['acting_role', 'recorded_role', 'park_name', 'county_name', 'source_application_id', 'indicator_name']) {
      expect(PERSONAL_DATA_COLUMN.test(column)).toBe(false);
    }
  });

  it('refuses names that would need quoting', () => {
    expect(() => checkReportingView(view({ name: 'Registry Parks' }))).toThrow('view name "Registry Parks" is not lower snake case');
    expect(() => checkReportingView(view({ columns: { 'park-id': '园区 ID — park id' } }))).toThrow('column registry_parks.park-id is not lower snake case');
  });

  it('writes SQL fragments for literals, Beijing dates and day spans', () => {
    expect(sqlLiteral("Art 12's references")).toBe("'Art 12''s references'");
    expect(shanghaiDate('t."at"')).toBe(`(t."at" AT TIME ZONE 'Asia/Shanghai')::date`);
    expect(daysBetween('a', 'b')).toBe('round((extract(epoch FROM (b) - (a)) / 86400)::numeric, 2)');
  });
});
