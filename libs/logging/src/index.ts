import { scrubPersonalData } from '@cz/auth';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values are personal information (Art 17, PIPL) or secrets, wherever they sit in a
 * logged object: a profile, GraphQL variables, an SQL error's `parameters`, a mail relay's
 * `rejected`/`envelope` recipients.
 */
export const REDACTED_KEYS = [
  'contactName',
  'contactPhone',
  'filerName',
  'contact',
  'phone',
  'mobile',
  'email',
  'idNumber',
  'variables',
  'parameters',
  'rejected',
  'accepted',
  'envelope',
  'authorization',
  'token',
  'cookie',
] as const;

/** pino's `*` matches one level: spell each key out to the depth a log object realistically nests. */
const REDACT_DEPTH = 4;
export const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => Array.from({ length: REDACT_DEPTH }, (_, depth) => [...Array(depth).fill('*'), key].join('.'))),
  'req.headers.authorization',
  'req.headers["x-cz-identity"]',
  // PostgreSQL quotes the offending row in an error's detail ("Key (name)=(…) already exists").
  'err.detail',
  'err.driverError.detail',
];

/**
 * One JSON logger per process. Personal data must never reach a log line. Callers log ids, not
 * profiles; as a safety net the keys above are redacted, and every finished line is scrubbed of
 * anything shaped like a phone number, an ID number or an e-mail address (relay and database
 * messages quote what they were given, and their text is not ours to control).
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: scrubPersonalData },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
