import { eventQueueName, subscribersOf } from './events';
import { jobId } from './jobs';

describe('job ids', () => {
  it('are deterministic and never all digits', () => {
    expect(jobId('heartbeat', 2026, 'a')).toBe('heartbeat.2026.a');
    expect(jobId('heartbeat', 2026, 'a')).toBe(jobId('heartbeat', 2026, 'a'));
    expect(jobId('heartbeat', 1)).not.toMatch(/^\d+$/);
  });

  it('refuse parts BullMQ cannot store', () => {
    expect(() => jobId('heartbeat', 'a:b')).toThrow(/invalid/);
    expect(() => jobId('heartbeat', '')).toThrow(/invalid/);
  });
});

describe('event routing', () => {
  it('fans a park profile change out to every service that keeps park facts', () => {
    expect(subscribersOf('registry.park-profile-changed')).toEqual(['applications', 'funding', 'assessment']);
    expect(eventQueueName('funding')).toBe('events.funding');
  });
});
