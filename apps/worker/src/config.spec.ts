import { ConfigError } from '@cz/config';
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
    expect(readConfig({})).toMatchObject({ WORKER_PORT: 4010, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'cz', HEARTBEAT_PATTERN: '*/1 * * * *' });
  });

  it('accepts a six-field pattern with seconds', () => {
    expect(readConfig({ HEARTBEAT_PATTERN: '*/1 * * * * *' }).HEARTBEAT_PATTERN).toBe('*/1 * * * * *');
  });

  it.each([['* * *'], ['61 * * * *'], ['every minute'], ['0 0 30 2 *']])('refuses the heartbeat pattern %p, naming the variable', (pattern) => {
    expect(problemWith({ HEARTBEAT_PATTERN: pattern })).toMatch(/HEARTBEAT_PATTERN: .*(5 or 6 fields|cron pattern)/);
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(problemWith({ WORKER_PORT: 'abc' })).toContain('WORKER_PORT');
  });
});
