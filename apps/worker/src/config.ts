import { env, loadConfig, LOCAL_DEFAULTS, queuePrefix } from '@cz/config';
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

const workerShape = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Port of the health server (/health, /ready, /metrics); the worker serves no API. */
  WORKER_PORT: env.port(LOCAL_DEFAULTS.ports.worker),
  REDIS_URL: env.redisUrl(LOCAL_DEFAULTS.redisUrl),
  QUEUE_PREFIX: queuePrefix(),
  /** When the heartbeat job runs, in Asia/Shanghai time; six fields put seconds first. */
  HEARTBEAT_PATTERN: cronPattern('*/1 * * * *'),
};

export const readConfig = (source: NodeJS.ProcessEnv = process.env) => loadConfig(workerShape, source);
export type WorkerConfig = ReturnType<typeof readConfig>;
