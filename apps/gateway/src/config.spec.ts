import { LOCAL_DEFAULTS } from '@cz/config';
import { readConfig } from './config';

describe('gateway config', () => {
  it('works on this machine with no variables set', () => {
    const config = readConfig({});
    expect(config.GATEWAY_PORT).toBe(4000);
    expect(config.FUNDING_URL).toBe('http://127.0.0.1:4003/graphql');
  });

  it('follows a subgraph port variable unless the URL is given', () => {
    expect(readConfig({ FUNDING_PORT: '5003' }).FUNDING_URL).toBe('http://127.0.0.1:5003/graphql');
    expect(readConfig({ FUNDING_PORT: '5003', FUNDING_URL: 'http://funding.internal:80/graphql' }).FUNDING_URL).toBe('http://funding.internal:80/graphql');
  });

  it('names a malformed variable', () => {
    expect(() => readConfig({ GATEWAY_PORT: 'http' })).toThrow(/GATEWAY_PORT/);
    expect(() => readConfig({ REGISTRY_URL: 'not a url' })).toThrow(/REGISTRY_URL/);
  });

  it('refuses the local development secrets in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*INTERNAL_IDENTITY_KEYS/);
    const own = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), INTERNAL_IDENTITY_KEYS: 'k'.repeat(40) };
    expect(readConfig(own).NODE_ENV).toBe('production');
    expect(() => readConfig({ ...own, INTERNAL_IDENTITY_KEYS: `${'k'.repeat(40)},${LOCAL_DEFAULTS.internalIdentityKey}` })).toThrow(/INTERNAL_IDENTITY_KEYS/);
  });
});
