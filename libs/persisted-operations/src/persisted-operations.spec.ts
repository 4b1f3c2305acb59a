import { parse } from 'graphql';
import { buildManifest, canonicalOperation, operationId, serializeManifest } from './persisted-operations';

const FILE = `
# The dashboard's figures
query ParkCounts { parks(first: 1) { totalCount } }

fragment CountyName on County { name }
fragment CountyFields on County { code ...CountyName }
query Counties {
  counties { ...CountyFields }
}
fragment Unused on County { code }
`;

describe('canonicalOperation', () => {
  it('keeps one operation and exactly the fragments it uses, transitively', () => {
    expect(canonicalOperation(parse(FILE), 'Counties')).toBe(
      'query Counties {\n  counties {\n    ...CountyFields\n  }\n}\n\nfragment CountyFields on County {\n  code\n  ...CountyName\n}\n\nfragment CountyName on County {\n  name\n}',
    );
  });

  it('ignores layout and comments, so the same operation has the same id however it is written', () => {
    const compact = canonicalOperation(parse('query ParkCounts{parks(first:1){totalCount}}'));
    expect(canonicalOperation(parse(FILE), 'ParkCounts')).toBe(compact);
  });

  it('names no operation when the choice is ambiguous or the name unknown', () => {
    expect(canonicalOperation(parse(FILE))).toBeUndefined();
    expect(canonicalOperation(parse(FILE), 'Nope')).toBeUndefined();
  });

  it('refuses a spread of a fragment that is not defined', () => {
    expect(() => canonicalOperation(parse('query Q { counties { ...Missing } }'))).toThrow(/Missing/);
  });
});

describe('buildManifest', () => {
  it('keys every operation by the sha256 of its canonical document', () => {
    const manifest = buildManifest([{ name: 'a.operations.graphql', body: FILE }]);
    expect(Object.values(manifest).map((document) => document.split(' ')[1]).sort()).toEqual(['Counties', 'ParkCounts']);
    for (const [id, document] of Object.entries(manifest)) expect(operationId(document)).toBe(id);
    expect(operationId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses anonymous operations and a name used twice', () => {
    expect(() => buildManifest([{ name: 'a', body: '{ counties { code } }' }])).toThrow(/a: every operation needs a name/);
    expect(() => buildManifest([{ name: 'a', body: 'query Q { counties { code } }' }, { name: 'b', body: 'query Q { counties { name } }' }])).toThrow(/b: operation Q is also defined in a/);
  });

  it('serialises with sorted keys, so the committed file is stable', () => {
    expect(serializeManifest({ b: '2', a: '1' })).toBe('{\n  "a": "1",\n  "b": "2"\n}\n');
  });
});
