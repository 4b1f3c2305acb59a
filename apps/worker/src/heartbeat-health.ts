/** The heartbeat is stale after this many intervals without one; fewer would flap on a slow tick. */
export const STALE_AFTER_INTERVALS = 3;

export interface HeartbeatHealth {
  lastHeartbeat: string | null;
  ageSeconds: number | null;
  staleAfterSeconds: number;
  stale: boolean;
}

/**
 * Whether the scheduler looks dead. A worker that has not been up for the whole staleness window
 * is never stale: after a restart (Redis keeps nothing on disk) the first tick is still to come.
 */
export function heartbeatHealth(lastHeartbeat: Date | undefined, startedAt: Date, now: Date, intervalMs: number): HeartbeatHealth {
  const staleAfterMs = STALE_AFTER_INTERVALS * intervalMs;
  const ageMs = lastHeartbeat ? now.getTime() - lastHeartbeat.getTime() : undefined;
  const upMs = now.getTime() - startedAt.getTime();
  const beatIsOld = ageMs === undefined || ageMs > staleAfterMs;
  return {
    lastHeartbeat: lastHeartbeat?.toISOString() ?? null,
    ageSeconds: ageMs === undefined ? null : Math.round(ageMs / 1000),
    staleAfterSeconds: Math.round(staleAfterMs / 1000),
    stale: beatIsOld && upMs > staleAfterMs,
  };
}

/** One interval beyond the staleness window, and never under a minute, so the key is read as stale before it vanishes. */
export function heartbeatTtlSeconds(intervalMs: number): number {
  return Math.max(60, Math.ceil(((STALE_AFTER_INTERVALS + 1) * intervalMs) / 1000));
}
