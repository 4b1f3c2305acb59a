export { loadConfig, ConfigError, env, keyList, queuePrefix, clockOffsetMs, subgraphUrl, assertProductionSafe, LOCAL_DEFAULTS } from './load-config';
