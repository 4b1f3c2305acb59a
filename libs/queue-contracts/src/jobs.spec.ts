import { eventQueueName, subscribersOf } from './events';
import { deadlineJobId, jobId, JOBS } from './jobs';

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

describe('deadline job ids', () => {
  const target = '7d0f4c1e-9a51-4a0e-8f55-2a4f3c1b9e10';
  const dueAt = new Date('2026-06-08T16:00:00.000Z');

  it('name the kind, the target and the due time in epoch ms', () => {
    expect(deadlineJobId('PUBLICITY_CLOSE', target, dueAt)).toBe(`deadline.PUBLICITY_CLOSE.${target}.${dueAt.getTime()}`);
    expect(deadlineJobId('PUBLICITY_CLOSE', target, dueAt.getTime())).toBe(jobId('deadline', 'PUBLICITY_CLOSE', target, dueAt.getTime()));
  });

  it('differ when the deadline moves, so the new time gets a job of its own', () => {
    expect(deadlineJobId('PUBLICITY_CLOSE', target, dueAt)).not.toBe(deadlineJobId('PUBLICITY_CLOSE', target, dueAt.getTime() + 86_400_000));
  });

  it('refuse what BullMQ cannot store or what is no time at all', () => {
    expect(() => deadlineJobId('PUBLICITY_CLOSE', 'a:b', dueAt)).toThrow(/invalid/);
    expect(() => deadlineJobId('PUBLICITY_CLOSE', target, new Date('not a date'))).toThrow(/invalid due time/);
  });

  it('run on the deadlines queue, beside their sweep', () => {
    expect(JOBS.deadline.queue).toBe('deadlines');
    expect(JOBS['deadline-sweep'].queue).toBe('deadlines');
  });
});

describe('event routing', () => {
  it('fans a park profile change out to every service that keeps park facts', () => {
    expect(subscribersOf('registry.park-profile-changed')).toEqual(['applications', 'funding', 'assessment']);
    expect(eventQueueName('funding')).toBe('events.funding');
  });
});
