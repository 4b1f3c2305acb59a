import { LOCAL_DEFAULTS } from '@cz/config';
import { readSubgraphConfig } from '@cz/subgraph-kit';

export const SCHEMA = 'funding';
export const readConfig = (source: NodeJS.ProcessEnv = process.env) => readSubgraphConfig('FUNDING_PORT', LOCAL_DEFAULTS.ports.funding, source);
