import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { humanLine } from './log-lines';
import { APP_PROCESSES, type AppProcess, portOf } from './processes';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

const children = new Map<string, ChildProcess>();
/** Apps that did not exit cleanly while stopping: any of them makes `npm start` exit non-zero. */
const uncleanExits: string[] = [];
let stopping = false;

function launch(app: AppProcess, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', app.script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const raw = env.LOG_FORMAT === 'json';
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${raw ? `[${app.name}] ${line}` : humanLine(app.name, line)}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (stopping && code !== 0) uncleanExits.push(`${app.name} (${signal ?? `code ${code}`})`);
    if (!stopping) {
      console.error(`\n${app.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything.`);
      void stopAll(1);
    }
  });
  children.set(app.name, child);
  return child;
}

async function waitUntilReady(app: AppProcess, env: NodeJS.ProcessEnv): Promise<void> {
  const url = `http://127.0.0.1:${portOf(app, env)}/ready`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped while starting');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app.name} was not ready within ${READY_TIMEOUT_MS / 1000} s (${url})`);
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  const running = [...children.values()];
  for (const child of running) child.kill('SIGTERM');
  const exited = Promise.all(running.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))));
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref())]);
  if (timedOut) {
    for (const [name, child] of children) {
      uncleanExits.push(`${name} (killed after ${STOP_TIMEOUT_MS / 1000} s)`);
      child.kill('SIGKILL');
    }
  }
  if (uncleanExits.length > 0) console.error(`did not stop cleanly: ${uncleanExits.join(', ')}`);
  process.exit(uncleanExits.length > 0 ? Math.max(exitCode, 1) : exitCode);
}

async function main(): Promise<void> {
  const seed = !process.argv.includes('--no-seed');
  const env: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO_ON_EMPTY: process.env.SEED_DEMO_ON_EMPTY ?? String(seed) };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      console.log(`\n${signal}: stopping all services…`);
      void stopAll(0);
    });
  }
  const started = Date.now();
  // The gateway goes last: its readiness check asks every subgraph, so it is ready only when they are.
  const gateway = APP_PROCESSES.find((app) => app.name === 'gateway') as AppProcess;
  const services = APP_PROCESSES.filter((app) => app !== gateway);
  console.log(`Starting ${services.length} services (migrations run as each starts)…`);
  for (const app of services) launch(app, env);
  await Promise.all(services.map((app) => waitUntilReady(app, env)));
  launch(gateway, env);
  await waitUntilReady(gateway, env);
  const port = portOf(gateway, env);
  console.log(
    [
      '',
      `长治市人力资源服务产业园平台已启动 — the platform is up (${((Date.now() - started) / 1000).toFixed(1)} s).`,
      `  GraphQL gateway:  http://localhost:${port}/graphql`,
      `  Try it:           TOKEN=$(npm run -s token -- --role CITY_BUREAU)`,
      `                    curl -s http://localhost:${port}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `                      -d '{"query":"{ parks(first: 5) { edges { node { name officialName county { name } fundingAwards { amountYuan } } } } }"}'`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  void stopAll(1);
});
