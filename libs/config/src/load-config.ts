import { z } from 'zod';

/** A configuration that cannot be used; the message names every variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once. Each key of `shape` is an environment variable name,
 * so an error message can name exactly the variable to fix.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, source: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const raw = source[key];
    // An empty variable is treated as unset so defaults apply, as shells and compose files tend to export "".
    input[key] = raw === '' ? undefined : raw;
  }
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Reusable variable parsers, so every app reads ports, URLs and flags the same way. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: (fallback: string) => z.url().default(fallback),
  postgresUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),
  redisUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// URL'),
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  secret: (fallback?: string) =>
    fallback === undefined ? z.string().min(32, 'must be at least 32 characters') : z.string().min(32, 'must be at least 32 characters').default(fallback),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/**
 * Local defaults, shared by every app and tool so they agree out of the box on this machine.
 * The secrets here are for local use only; production sets its own (see README, Configuration).
 */
export const LOCAL_DEFAULTS = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/czhr',
  redisUrl: 'redis://127.0.0.1:6379',
  queuePrefix: 'cz',
  jwtSecret: 'local-development-jwt-secret-change-me-0123456789',
  internalIdentityKey: 'local-internal-identity-key-change-me-0123456789',
  ports: { gateway: 4000, registry: 4001, applications: 4002, funding: 4003, assessment: 4004, notifications: 4005, worker: 4010 },
} as const;

/** A comma-separated list of keys, each long enough to be a real HMAC secret; the first is current. */
export function keyList(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((key) => key.trim()).filter(Boolean))
    .refine((keys) => keys.length > 0 && keys.every((key) => key.length >= 32), 'must be comma-separated keys of at least 32 characters');
}

/** A shift of the services' clock for tests and demos; see README. Refused in production by each app. */
export const clockOffsetMs = () => z.coerce.number().int().default(0);

export const queuePrefix = () => z.string().regex(/^[a-z0-9_-]+$/, 'only a-z, 0-9, _ and -').default(LOCAL_DEFAULTS.queuePrefix);

/** A subgraph's URL: the given port variable's value, or the local default port. */
export const subgraphUrl = (source: NodeJS.ProcessEnv, portVariable: string, fallbackPort: number) => env.url(`http://127.0.0.1:${source[portVariable] || fallbackPort}/graphql`);

/**
 * Refuses, in production, what is only safe on a developer's machine: the local secrets and a
 * shifted clock. Every app runs its configuration through it.
 */
export function assertProductionSafe(config: { NODE_ENV: string; INTERNAL_IDENTITY_KEYS?: readonly string[]; CLOCK_OFFSET_MS?: number; JWT_SECRET?: string; JWKS_URL?: string }): void {
  if (config.NODE_ENV !== 'production') return;
  const problems: string[] = [];
  if (config.JWT_SECRET !== undefined && !config.JWKS_URL && config.JWT_SECRET === LOCAL_DEFAULTS.jwtSecret) problems.push('JWT_SECRET: the local development secret may not be used in production (set JWKS_URL or a secret of your own)');
  if (config.INTERNAL_IDENTITY_KEYS?.includes(LOCAL_DEFAULTS.internalIdentityKey)) problems.push('INTERNAL_IDENTITY_KEYS: the local development key may not be used in production');
  if (config.CLOCK_OFFSET_MS !== undefined && config.CLOCK_OFFSET_MS !== 0) problems.push('CLOCK_OFFSET_MS: the clock may not be shifted in production');
  if (problems.length > 0) throw new ConfigError(problems);
}
