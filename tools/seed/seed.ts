import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { APP_PROCESSES } from '../start/processes';

/**
 * `npm run seed`: each service migrates its schema and loads its part of the demo data set if its
 * tables are empty. Services seed their own tables; no service writes another's schema.
 */
const ROOT = join(__dirname, '..', '..');
const services = APP_PROCESSES.filter((app) => app.name !== 'gateway' && app.name !== 'worker');
for (const [index, app] of services.entries()) {
  process.stdout.write(`[${index + 1}/${services.length}] ${app.name}: `);
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', app.script.replace(/main\.ts$/, 'seed.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(result.stdout.trim().replace(`${app.name}: `, '') + '\n');
  if (result.status !== 0) process.exit(result.status ?? 1);
}
