import { LOCAL_DEFAULTS } from '@cz/config';
import { readSubgraphConfig } from '@cz/subgraph-kit';

export const SCHEMA = 'assessment';
export const readConfig = (source: NodeJS.ProcessEnv = process.env) => readSubgraphConfig('ASSESSMENT_PORT', LOCAL_DEFAULTS.ports.assessment, source);
