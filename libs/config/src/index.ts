export { loadConfig, ConfigError, env, keyList, queuePrefix, LOCAL_DEFAULTS } from './load-config';
