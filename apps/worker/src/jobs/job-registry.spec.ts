import { assertEveryJobHasOneHandler, JOB_HANDLERS } from './job-registry';

describe('job registry', () => {
  const noop = async () => undefined;

  it('accepts the registry as shipped: every job in JOBS, one handler each', () => {
    expect(() => assertEveryJobHasOneHandler(JOB_HANDLERS)).not.toThrow();
  });

  it('refuses a job without a handler, naming it', () => {
    expect(() => assertEveryJobHasOneHandler({})).toThrow(/jobs without a handler: heartbeat/);
  });

  it('refuses a handler for a job nobody can enqueue, naming it', () => {
    expect(() => assertEveryJobHasOneHandler({ ...JOB_HANDLERS, 'close-publicity': noop })).toThrow(/handlers for unknown jobs: close-publicity/);
  });
});
