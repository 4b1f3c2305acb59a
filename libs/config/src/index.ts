export { loadConfig, ConfigError, env, keyList, queuePrefix, clockOffsetMs, LOCAL_DEFAULTS } from './load-config';
