import { ConfigError, LOCAL_DEFAULTS } from '@cz/config';
import { readConfig } from './config';

function problemWith(source: NodeJS.ProcessEnv): string {
  try {
    readConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('worker config', () => {
  it('works out of the box on this machine', () => {
    expect(readConfig({})).toMatchObject({
      WORKER_PORT: 4010,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'cz',
      HEARTBEAT_PATTERN: '*/1 * * * *',
      DEADLINE_SWEEP_PATTERN: '*/1 * * * *',
      APPLICATIONS_URL: 'http://127.0.0.1:4002/graphql',
      ASSESSMENT_URL: 'http://127.0.0.1:4004/graphql',
      ASSESSMENT_CYCLE_PATTERN: '0 1 * 1-3 *',
      REMINDER_SEND_INTERVAL_MS: 0,
      WORKER_LOCK_DURATION_MS: 30_000,
      INTERNAL_IDENTITY_KEYS: [LOCAL_DEFAULTS.internalIdentityKey],
      CLOCK_OFFSET_MS: 0,
    });
  });

  it('finds the applications service on its port variable, as the gateway does, unless its URL is given', () => {
    expect(readConfig({ APPLICATIONS_PORT: '5102' }).APPLICATIONS_URL).toBe('http://127.0.0.1:5102/graphql');
    expect(readConfig({ APPLICATIONS_PORT: '5102', APPLICATIONS_URL: 'http://applications:4002/graphql' }).APPLICATIONS_URL).toBe('http://applications:4002/graphql');
    expect(problemWith({ APPLICATIONS_URL: 'not a url' })).toContain('APPLICATIONS_URL');
  });

  it('finds the assessment service on its port variable too', () => {
    expect(readConfig({ ASSESSMENT_PORT: '5104' }).ASSESSMENT_URL).toBe('http://127.0.0.1:5104/graphql');
    expect(problemWith({ ASSESSMENT_URL: 'assessment' })).toContain('ASSESSMENT_URL');
  });

  it('reads the reminder pacing and the lock duration, refusing values that would break them', () => {
    expect(readConfig({ REMINDER_SEND_INTERVAL_MS: '250', WORKER_LOCK_DURATION_MS: '2000' })).toMatchObject({ REMINDER_SEND_INTERVAL_MS: 250, WORKER_LOCK_DURATION_MS: 2000 });
    expect(problemWith({ REMINDER_SEND_INTERVAL_MS: '-1' })).toContain('REMINDER_SEND_INTERVAL_MS');
    expect(problemWith({ WORKER_LOCK_DURATION_MS: '100' })).toContain('WORKER_LOCK_DURATION_MS');
    expect(problemWith({ ASSESSMENT_CYCLE_PATTERN: 'daily' })).toContain('ASSESSMENT_CYCLE_PATTERN');
  });

  it('signs with the first of several identity keys and refuses a short one, naming the variable', () => {
    const next = 'n'.repeat(32);
    expect(readConfig({ INTERNAL_IDENTITY_KEYS: `${next}, ${LOCAL_DEFAULTS.internalIdentityKey}` }).INTERNAL_IDENTITY_KEYS[0]).toBe(next);
    expect(problemWith({ INTERNAL_IDENTITY_KEYS: 'short' })).toContain('INTERNAL_IDENTITY_KEYS');
  });

  it('shifts the clock outside production only, and refuses the local identity key in production', () => {
    const own = { NODE_ENV: 'production', INTERNAL_IDENTITY_KEYS: 'p'.repeat(40) };
    expect(readConfig({ CLOCK_OFFSET_MS: '-86400000' }).CLOCK_OFFSET_MS).toBe(-86_400_000);
    expect(readConfig(own).CLOCK_OFFSET_MS).toBe(0);
    expect(problemWith({ ...own, CLOCK_OFFSET_MS: '60000' })).toMatch(/CLOCK_OFFSET_MS: .*production/);
    expect(problemWith({ NODE_ENV: 'production' })).toMatch(/INTERNAL_IDENTITY_KEYS: .*production/);
    expect(problemWith({ CLOCK_OFFSET_MS: 'soon' })).toContain('CLOCK_OFFSET_MS');
  });

  it('accepts a six-field pattern with seconds', () => {
    expect(readConfig({ HEARTBEAT_PATTERN: '*/1 * * * * *' }).HEARTBEAT_PATTERN).toBe('*/1 * * * * *');
  });

  it.each([['* * *'], ['61 * * * *'], ['every minute'], ['0 0 30 2 *']])('refuses the heartbeat pattern %p, naming the variable', (pattern) => {
    expect(problemWith({ HEARTBEAT_PATTERN: pattern })).toMatch(/HEARTBEAT_PATTERN: .*(5 or 6 fields|cron pattern)/);
  });

  it.each([['* * *'], ['*/1 * * * * * *'], ['99 * * * *']])('refuses the deadline sweep pattern %p, naming the variable', (pattern) => {
    expect(problemWith({ DEADLINE_SWEEP_PATTERN: pattern })).toMatch(/DEADLINE_SWEEP_PATTERN: .*(5 or 6 fields|cron pattern)/);
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(problemWith({ WORKER_PORT: 'abc' })).toContain('WORKER_PORT');
  });
});
