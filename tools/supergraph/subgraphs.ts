import { LOCAL_DEFAULTS } from '@cz/config';
import type { ServiceName } from '@cz/queue-contracts';

/**
 * The subgraphs of the supergraph: federation name, the app that serves it, and its local URL.
 * The URLs written into the supergraph are only defaults; the gateway's config overrides them.
 */
export const SUBGRAPHS: ReadonlyArray<{ name: ServiceName; app: string; port: number }> = [
  { name: 'registry', app: 'park-registry', port: LOCAL_DEFAULTS.ports.registry },
  { name: 'applications', app: 'applications', port: LOCAL_DEFAULTS.ports.applications },
  { name: 'funding', app: 'funding', port: LOCAL_DEFAULTS.ports.funding },
  { name: 'assessment', app: 'assessment', port: LOCAL_DEFAULTS.ports.assessment },
  { name: 'notifications', app: 'notifications', port: LOCAL_DEFAULTS.ports.notifications },
];
