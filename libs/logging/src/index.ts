import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One JSON logger per process. Personal data must never reach a log line: the redact paths cover
 * the fields that carry it, and callers log ids, not profiles.
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['*.contactPhone', '*.contactName', '*.authorization', '*.token', 'req.headers.authorization', 'req.headers["x-cz-identity"]'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
