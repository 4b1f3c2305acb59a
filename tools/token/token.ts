import { parseArgs } from 'node:util';
import { type Identity, jurisdictionProblem, USER_ROLES } from '@cz/auth';
import { env, loadConfig, LOCAL_DEFAULTS } from '@cz/config';
import { mintUserToken } from '@cz/identity-tokens';

const USAGE = `用法 usage: npm run -s token -- --role <ROLE> [--county <code>] [--park <id>] [--subject <id>] [--name <name>] [--expires 8h]
roles: ${USER_ROLES.join(', ')}
  COUNTY_BUREAU needs --county (e.g. 140403 潞州区); PARK_OPERATOR needs --park (a park id).`;

/** Builds the identity a local token stands for, or explains what is wrong with the arguments. */
export function identityFromArgs(argv: string[]): { identity: Identity; expiresIn: string } {
  const { values } = parseArgs({
    args: argv,
    options: { role: { type: 'string' }, county: { type: 'string' }, park: { type: 'string' }, subject: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string', default: '8h' } },
    strict: true,
  });
  const role = values.role as (typeof USER_ROLES)[number] | undefined;
  if (!role || !USER_ROLES.includes(role)) throw new Error(`--role must be one of ${USER_ROLES.join(', ')}`);
  if (values.county !== undefined && !/^\d{6}$/.test(values.county)) throw new Error('--county must be a 6-digit division code, e.g. 140403');
  if (values.park !== undefined && !/^[0-9a-f-]{36}$/i.test(values.park)) throw new Error('--park must be a park id (uuid)');
  if (!/^\d+[smhd]$/.test(values.expires ?? '')) throw new Error('--expires must look like 30m, 8h or 7d');
  const identity: Identity = {
    subject: values.subject ?? `local-${role.toLowerCase()}${values.county ? `-${values.county}` : ''}${values.park ? `-${values.park.slice(0, 8)}` : ''}`,
    role,
    ...(values.county ? { countyCode: values.county } : {}),
    ...(values.park ? { parkId: values.park } : {}),
    ...(values.name ? { name: values.name } : {}),
  };
  const problem = jurisdictionProblem(identity);
  if (problem) throw new Error(problem);
  return { identity, expiresIn: values.expires as string };
}

if (require.main === module) {
  (async () => {
    try {
      const { JWT_SECRET } = loadConfig({ JWT_SECRET: env.secret(LOCAL_DEFAULTS.jwtSecret) });
      const { identity, expiresIn } = identityFromArgs(process.argv.slice(2));
      process.stdout.write(`${await mintUserToken(identity, { secret: JWT_SECRET, expiresIn })}\n`);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
  })();
}
