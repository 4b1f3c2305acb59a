type Outcome = 'completed' | 'failed';

/** Per-process job counters, in Prometheus text format for /metrics. */
export class JobMetrics {
  private readonly counts = new Map<string, number>();

  record(outcome: Outcome, queue: string, job: string): void {
    const key = `${outcome}|${queue}|${job}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  total(outcome: Outcome): number {
    let sum = 0;
    for (const [key, count] of this.counts) if (key.startsWith(`${outcome}|`)) sum += count;
    return sum;
  }

  lines(): string[] {
    const lines: string[] = [];
    for (const outcome of ['completed', 'failed'] as const) {
      const metric = `worker_jobs_${outcome}_total`;
      lines.push(`# HELP ${metric} Jobs this process ${outcome === 'completed' ? 'completed' : 'saw fail'}, by queue and job name`, `# TYPE ${metric} counter`);
      for (const [key, count] of this.counts) {
        const [kind, queue, job] = key.split('|');
        if (kind === outcome) lines.push(`${metric}{queue="${queue}",job="${job}"} ${count}`);
      }
    }
    return lines;
  }
}
