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

  it('has query and rate limits and the allow-list off by default, each configurable and validated', () => {
    const config = readConfig({});
    expect([config.QUERY_MAX_DEPTH, config.QUERY_MAX_ALIASES, config.QUERY_MAX_DIRECTIVES, config.QUERY_MAX_TOKENS, config.QUERY_MAX_COST]).toEqual([10, 30, 20, 2000, 50_000]);
    expect(config.RATE_LIMIT_MUTATIONS).toEqual({ max: 600, windowSeconds: 60 });
    expect(config.RATE_LIMIT_PUBLIC).toEqual({ max: 30, windowSeconds: 3600 });
    expect(config.OPERATION_ALLOWLIST).toBe('off');
    expect(readConfig({ RATE_LIMIT_PUBLIC: '5/60', QUERY_MAX_DEPTH: '7', OPERATION_ALLOWLIST: 'enforce' })).toMatchObject({ RATE_LIMIT_PUBLIC: { max: 5, windowSeconds: 60 }, QUERY_MAX_DEPTH: 7, OPERATION_ALLOWLIST: 'enforce' });
    expect(() => readConfig({ RATE_LIMIT_MUTATIONS: '10 per minute' })).toThrow(/RATE_LIMIT_MUTATIONS/);
    expect(() => readConfig({ RATE_LIMIT_PUBLIC: '0/60' })).toThrow(/RATE_LIMIT_PUBLIC/);
    expect(() => readConfig({ QUERY_MAX_COST: '0' })).toThrow(/QUERY_MAX_COST/);
    expect(() => readConfig({ OPERATION_ALLOWLIST: 'on' })).toThrow(/OPERATION_ALLOWLIST/);
  });

  it('refuses the local development secrets in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*INTERNAL_IDENTITY_KEYS/);
    const own = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), INTERNAL_IDENTITY_KEYS: 'k'.repeat(40) };
    expect(readConfig(own).NODE_ENV).toBe('production');
    expect(() => readConfig({ ...own, INTERNAL_IDENTITY_KEYS: `${'k'.repeat(40)},${LOCAL_DEFAULTS.internalIdentityKey}` })).toThrow(/INTERNAL_IDENTITY_KEYS/);
  });
});
