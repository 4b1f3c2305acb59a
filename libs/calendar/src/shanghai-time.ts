/** Every date the programme speaks of is a day in Asia/Shanghai (UTC+8, no daylight saving). */
export const TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  return formatter.format(instant);
}
