import { deleteQueueKeys, freePort, RunningProcess, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@cz/testing';

/** Runs main.ts the way the `serve` target does; its output is kept for failure messages. */
function runMain(env: Record<string, string>): RunningProcess {
  // No deadline sweep: it would ask whatever listens on the default applications port.
  return new RunningProcess('apps/worker/src/main.ts', { PATH: process.env.PATH ?? '', REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn', DEADLINE_SWEEP_PATTERN: '0 0 1 1 *', ...env });
}

describe('worker process (main.ts)', () => {
  const prefix = testQueuePrefix('worker-main');
  afterAll(() => deleteQueueKeys(prefix));

  it('shuts down gracefully on SIGTERM, exiting 0 within 10 s', async () => {
    const port = await freePort();
    const worker = runMain({ WORKER_PORT: String(port), QUEUE_PREFIX: prefix });
    try {
      await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/health`)).ok ? true : undefined), 'the worker /health', 20_000, 200);
    } catch (error) {
      await worker.stop('SIGKILL');
      throw new Error(`${(error as Error).message}\n${worker.text}`);
    }
    const startedStopping = Date.now();
    expect(await worker.stop('SIGTERM', 10_000)).toBe(0);
    expect(Date.now() - startedStopping).toBeLessThan(10_000);
  }, 40_000);

  it('refuses a malformed variable at start, naming it, with exit code 1', async () => {
    const worker = runMain({ WORKER_PORT: 'abc', QUEUE_PREFIX: prefix });
    expect(await worker.exited).toBe(1);
    expect(worker.text).toContain('WORKER_PORT');
  }, 30_000);
});
