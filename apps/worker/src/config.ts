import { assertProductionSafe, clockOffsetMs, env, keyList, loadConfig, LOCAL_DEFAULTS, queuePrefix, subgraphUrl } from '@cz/config';
import { z } from 'zod';
import { cronPatternProblem } from './cron';

const cronPattern = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((value, context) => {
      const problem = cronPatternProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });

const workerShape = (source: NodeJS.ProcessEnv) => ({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Port of the health server (/health, /ready, /metrics); the worker serves no API. */
  WORKER_PORT: env.port(LOCAL_DEFAULTS.ports.worker),
  REDIS_URL: env.redisUrl(LOCAL_DEFAULTS.redisUrl),
  QUEUE_PREFIX: queuePrefix(),
  /** When the heartbeat job runs, in Asia/Shanghai time; six fields put seconds first. */
  HEARTBEAT_PATTERN: cronPattern('*/1 * * * *'),
  /** When the worker asks the services for their open deadlines (and recreates lost deadline jobs). */
  DEADLINE_SWEEP_PATTERN: cronPattern('*/1 * * * *'),
  APPLICATIONS_URL: subgraphUrl(source, 'APPLICATIONS_PORT', LOCAL_DEFAULTS.ports.applications),
  ASSESSMENT_URL: subgraphUrl(source, 'ASSESSMENT_PORT', LOCAL_DEFAULTS.ports.assessment),
  /**
   * When the worker asks the assessment service to open the year's cycle (Art 18: in the first
   * quarter). The service decides whether the opening day has come, so a daily tick suffices.
   */
  ASSESSMENT_CYCLE_PATTERN: cronPattern('0 1 * 1-3 *'),
  /** Pause between two reminders of one fan-out, so a hundred parks do not reach the mail relay at once. */
  REMINDER_SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * How long a running job's lock lasts without renewal, and how often stalled jobs are looked for:
   * a job whose worker died is taken over after at most about twice this.
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Signs the SYSTEM identity the jobs call subgraphs with; the first key of the list signs. */
  INTERNAL_IDENTITY_KEYS: keyList(LOCAL_DEFAULTS.internalIdentityKey),
  /** Shifts the worker's clock like the services' (tests, demos), so delays match their notion of due; 0 in production. */
  CLOCK_OFFSET_MS: clockOffsetMs(),
});

export function readConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(workerShape(source), source);
  assertProductionSafe(config);
  return config;
}
export type WorkerConfig = ReturnType<typeof readConfig>;
