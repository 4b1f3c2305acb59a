import { fullSelection, type IntrospectedType, type IntrospectedTypeRef, queryFieldType } from './selection';

const ref = (kind: string, name: string | null, ofType: IntrospectedTypeRef | null = null): IntrospectedTypeRef => ({ kind, name, ofType });
const field = (name: string, type: IntrospectedTypeRef, requiredArgument = false) => ({ name, type, args: requiredArgument ? [{ type: ref('NON_NULL', null, ref('SCALAR', 'Int')), defaultValue: null }] : [] });

const TYPES: IntrospectedType[] = [
  { kind: 'OBJECT', name: 'Query', fields: [field('stats', ref('NON_NULL', null, ref('OBJECT', 'Stats')))] },
  { kind: 'OBJECT', name: 'Stats', fields: [field('total', ref('NON_NULL', null, ref('SCALAR', 'Int'))), field('byYear', ref('LIST', null, ref('OBJECT', 'Year'))), field('page', ref('OBJECT', 'Year'), true)] },
  { kind: 'OBJECT', name: 'Year', fields: [field('year', ref('SCALAR', 'Int')), field('grade', ref('ENUM', 'Grade')), field('nested', ref('OBJECT', 'Stats'))] },
];

describe('full selections from introspection', () => {
  it('selects every argument-free field down to the depth, skipping fields that need arguments', () => {
    expect(fullSelection('Stats', TYPES, 2)).toBe('{ total byYear { year grade } }');
    expect(fullSelection('Stats', TYPES, 3)).toBe('{ total byYear { year grade nested { total } } }');
    expect(queryFieldType('stats', TYPES)).toBe('Stats');
    expect(queryFieldType('missing', TYPES)).toBeUndefined();
  });
});
