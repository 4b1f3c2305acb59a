import { ConfigError, env, loadConfig } from './load-config';

describe('loadConfig', () => {
  const shape = { PORT: env.port(4001), DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/czhr'), FLAG: env.flag(false) };

  it('applies defaults that work on this machine', () => {
    expect(loadConfig(shape, {})).toEqual({ PORT: 4001, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/czhr', FLAG: false });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(shape, { PORT: '' }).PORT).toBe(4001);
  });

  it('names every malformed variable in one error', () => {
    let error: unknown;
    try {
      loadConfig(shape, { PORT: 'eighty', DATABASE_URL: 'mysql://x', FLAG: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('FLAG');
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig({ JWT_SECRET: env.secret() }, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
