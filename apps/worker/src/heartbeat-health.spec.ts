import { heartbeatHealth, heartbeatTtlSeconds } from './heartbeat-health';

describe('heartbeat health', () => {
  const minute = 60_000;
  const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, 0) + minutes * minute);

  it('is fresh within three intervals', () => {
    expect(heartbeatHealth(at(8), at(0), at(10), minute)).toMatchObject({ stale: false, ageSeconds: 120, staleAfterSeconds: 180 });
  });

  it('is stale after three intervals without a heartbeat', () => {
    expect(heartbeatHealth(at(5), at(0), at(10), minute)).toMatchObject({ stale: true, ageSeconds: 300 });
    expect(heartbeatHealth(undefined, at(0), at(10), minute)).toMatchObject({ stale: true, lastHeartbeat: null });
  });

  it('gives a freshly started worker the whole window for its first tick, even with an old key', () => {
    expect(heartbeatHealth(undefined, at(9), at(10), minute).stale).toBe(false);
    expect(heartbeatHealth(at(-60), at(8), at(10), minute).stale).toBe(false);
  });

  it('keeps the key past the staleness window, so it is read as stale before it vanishes', () => {
    expect(heartbeatTtlSeconds(minute)).toBe(240);
    expect(heartbeatTtlSeconds(1000)).toBe(60);
  });
});
