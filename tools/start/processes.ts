import { LOCAL_DEFAULTS } from '@cz/config';

export interface AppProcess {
  name: string;
  script: string;
  /** Environment variable holding the port, and its default. */
  portVariable: string;
  defaultPort: number;
}

const { ports } = LOCAL_DEFAULTS;

/** Everything `npm start` runs, in start order; the gateway last, once its subgraphs answer. */
export const APP_PROCESSES: readonly AppProcess[] = [
  { name: 'park-registry', script: 'apps/park-registry/src/main.ts', portVariable: 'REGISTRY_PORT', defaultPort: ports.registry },
  { name: 'applications', script: 'apps/applications/src/main.ts', portVariable: 'APPLICATIONS_PORT', defaultPort: ports.applications },
  { name: 'funding', script: 'apps/funding/src/main.ts', portVariable: 'FUNDING_PORT', defaultPort: ports.funding },
  { name: 'assessment', script: 'apps/assessment/src/main.ts', portVariable: 'ASSESSMENT_PORT', defaultPort: ports.assessment },
  { name: 'notifications', script: 'apps/notifications/src/main.ts', portVariable: 'NOTIFICATIONS_PORT', defaultPort: ports.notifications },
  { name: 'worker', script: 'apps/worker/src/main.ts', portVariable: 'WORKER_PORT', defaultPort: ports.worker },
  { name: 'gateway', script: 'apps/gateway/src/main.ts', portVariable: 'GATEWAY_PORT', defaultPort: ports.gateway },
];

export function portOf(app: AppProcess, env: NodeJS.ProcessEnv): number {
  return Number(env[app.portVariable] || app.defaultPort);
}
