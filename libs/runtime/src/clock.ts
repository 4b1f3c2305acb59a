export type Clock = () => Date;

/**
 * The service's notion of now. `offsetMs` shifts it (tests and demos choose the clock so a
 * deadline falls due in seconds, with every process sharing one offset); production refuses any
 * offset at configuration time.
 */
export function createClock(offsetMs = 0): Clock {
  return () => new Date(Date.now() + offsetMs);
}
