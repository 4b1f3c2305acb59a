import { type CycleConfig, readCycleConfig } from '../config';

let settings: CycleConfig | undefined;

/**
 * The cycle timing of this process. main.ts validates it with the rest of the configuration at
 * start (a malformed variable stops the service there); resolvers and event handlers, which the
 * subgraph kit builds without the config, read the same variables once here.
 */
export function cycleSettings(): CycleConfig {
  settings ??= readCycleConfig(process.env);
  return settings;
}
