import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_LOG_SERVICES, auditLogSdl } from './audit-log.sdl';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('audit-log SDL', () => {
  it.each(AUDIT_LOG_SERVICES.map((service) => [service.app, service] as const))('%s serves exactly the shared text (write it from auditLogSdl when this fails)', (_app, { app, prefix, serviceName }) => {
    expect(readFileSync(join(ROOT, 'apps', app, 'src', 'audit.graphql'), 'utf8')).toBe(auditLogSdl(prefix, serviceName));
  });
});
