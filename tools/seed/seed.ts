import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '@cz/config';
import { ensureDatabase } from '@cz/db';
import { APP_PROCESSES } from '../start/processes';

/**
 * `npm run seed [-- --scale [factor] [--seed n]]`: each service migrates its schema and loads its
 * part of the demo data set (or of the scaled city) if its tables are empty. Services seed their
 * own tables; no service writes another's schema, so they can run at once: the scaled city does,
 * the small demo data set goes one service after another as it always has.
 */
const ROOT = join(__dirname, '..', '..');
const options = process.argv.slice(2);
const scaled = options.includes('--scale') || options.some((option) => option.startsWith('--scale='));
const services = APP_PROCESSES.filter((app) => app.name !== 'gateway' && app.name !== 'worker');

interface Outcome {
  line: string;
  errors: string;
  code: number | null;
}

/** Runs one service's seed; resolves to its report line, what it said went wrong, and its exit code. */
function seedService(script: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script.replace(/main\.ts$/, 'seed.ts'), ...options], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ line: output.trim(), errors: errors.trim(), code }));
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  // Created here, once: services creating it at the same moment can collide in PostgreSQL's catalogue.
  await ensureDatabase(process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl);
  let done = 0;
  let rows = 0;
  let failed = false;
  // Each service's lines together, as it finishes (its errors under its name, not mixed with others').
  const report = (name: string, { line, errors, code }: Outcome) => {
    done += 1;
    console.log(`[${done}/${services.length}] ${name}: ${line.replace(`${name}: `, '') || (code === 0 ? 'done' : `failed (exit ${code})`)}`);
    if (errors) console.error(errors.replace(`${name}: `, '  '));
    rows += Number(/loaded ([\d,]+) rows/.exec(line)?.[1].replace(/,/g, '') ?? 0);
    failed ||= code !== 0;
  };
  if (scaled) {
    await Promise.all(services.map(async (app) => report(app.name, await seedService(app.script))));
  } else {
    for (const app of services) {
      report(app.name, await seedService(app.script));
      if (failed) break;
    }
  }
  if (rows > 0) console.log(`total: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed) process.exit(1);
}

void main();
