import { TIME_ZONE } from '@cz/calendar';
import { getNextMillis } from 'bullmq';

/**
 * The next `count` fire times of a cron pattern in Shanghai time, computed by BullMQ's own
 * scheduler arithmetic so what we predict is what the scheduler does. Throws on a pattern the
 * scheduler cannot parse, and when the pattern never fires (e.g. 30 February).
 */
export function fireTimes(pattern: string, from: number, count: number): number[] {
  const times: number[] = [];
  let cursor = from;
  for (let i = 0; i < count; i += 1) {
    const next = getNextMillis(cursor, { pattern, tz: TIME_ZONE });
    if (next === undefined) throw new Error(`cron pattern "${pattern}" never fires`);
    times.push(next);
    cursor = next;
  }
  return times;
}

/**
 * The longest wait between two consecutive fires over the next few, so a pattern with uneven
 * gaps (every 45 s within a minute fires at :00 and :45) is judged by its slowest stretch.
 */
export function longestGapMs(pattern: string, from = Date.now(), samples = 12): number {
  const times = fireTimes(pattern, from, samples + 1);
  let longest = 0;
  for (let i = 1; i < times.length; i += 1) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}

/** A cron pattern of 5 fields (minute first) or 6 (second first); anything else is a typo. */
export function cronPatternProblem(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `must be a cron pattern of 5 or 6 fields, got ${fields}`;
  try {
    fireTimes(pattern, Date.now(), 1);
    return undefined;
  } catch (error) {
    return `is not a usable cron pattern: ${(error as Error).message}`;
  }
}
