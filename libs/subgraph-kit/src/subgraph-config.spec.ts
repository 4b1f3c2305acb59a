import { readSubgraphConfig } from './subgraph-config';

describe('subgraph config', () => {
  it('works on this machine with no variables set, and reads its own port variable', () => {
    expect(readSubgraphConfig('FUNDING_PORT', 4003, {})).toMatchObject({ PORT: 4003, QUEUE_PREFIX: 'cz', CLOCK_OFFSET_MS: 0 });
    expect(readSubgraphConfig('FUNDING_PORT', 4003, { FUNDING_PORT: '5003' }).PORT).toBe(5003);
    expect(() => readSubgraphConfig('FUNDING_PORT', 4003, { FUNDING_PORT: 'x' })).toThrow(/FUNDING_PORT/);
  });

  it('refuses the local identity key and a shifted clock in production', () => {
    expect(() => readSubgraphConfig('FUNDING_PORT', 4003, { NODE_ENV: 'production' })).toThrow(/INTERNAL_IDENTITY_KEYS/);
    expect(() => readSubgraphConfig('FUNDING_PORT', 4003, { NODE_ENV: 'production', INTERNAL_IDENTITY_KEYS: 'k'.repeat(40), CLOCK_OFFSET_MS: '1000' })).toThrow(/CLOCK_OFFSET_MS/);
    expect(readSubgraphConfig('FUNDING_PORT', 4003, { NODE_ENV: 'production', INTERNAL_IDENTITY_KEYS: 'k'.repeat(40) }).NODE_ENV).toBe('production');
  });
});
