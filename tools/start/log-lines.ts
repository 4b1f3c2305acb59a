const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'service', 'name', 'msg']);

/** Turns one JSON log line into `[name] level message key=value` for a person at a terminal. */
export function humanLine(name: string, line: string): string {
  const prefix = `[${name}]`.padEnd(16);
  if (!line.startsWith('{')) return `${prefix}${line}`;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    const level = LEVELS[record.level as number] ?? String(record.level);
    const extras = Object.entries(record)
      .filter(([key]) => !OMIT.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return `${prefix}${level.padEnd(6)}${String(record.msg ?? '')}${extras.length ? `  ${extras.join(' ')}` : ''}`;
  } catch {
    return `${prefix}${line}`;
  }
}
