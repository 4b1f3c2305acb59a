import { LOCAL_DEFAULTS } from '@cz/config';
import { readSubgraphConfig } from '@cz/subgraph-kit';

export const SCHEMA = 'applications';
export const readConfig = (source: NodeJS.ProcessEnv = process.env) => readSubgraphConfig('APPLICATIONS_PORT', LOCAL_DEFAULTS.ports.applications, source);
