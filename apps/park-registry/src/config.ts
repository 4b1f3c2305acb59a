import { LOCAL_DEFAULTS } from '@cz/config';
import { readSubgraphConfig } from '@cz/subgraph-kit';

export const SCHEMA = 'registry';
export const readConfig = (source: NodeJS.ProcessEnv = process.env) => readSubgraphConfig('REGISTRY_PORT', LOCAL_DEFAULTS.ports.registry, source);
