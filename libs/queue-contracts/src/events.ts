import type { ServiceName } from './services';

/**
 * Domain events crossing services. The type names are part of the stored outbox and inbox rows:
 * never rename one, add a new type instead.
 */
export const EVENT_TYPES = {
  parkProfileChanged: 'registry.park-profile-changed',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export type ParkStatus = 'CANDIDATE' | 'RECOGNISED' | 'REVOKED';

/** The facts other services keep about a park: enough to place it in a county and show its name. */
export interface ParkProfileChangedPayload {
  parkId: string;
  name: string;
  officialName: string | null;
  countyCode: string;
  status: ParkStatus;
  /** The park row's version after the change; consumers ignore anything older than what they hold. */
  version: number;
}

export interface EventPayloads {
  'registry.park-profile-changed': ParkProfileChangedPayload;
}

/** What travels on the queue: the outbox row, as written. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  source: ServiceName;
  aggregateId: string;
  occurredAt: string;
  payload: EventPayloads[T];
}

/** Who reacts to what. The relay fans an event out to one queue per subscriber. */
export const EVENT_SUBSCRIPTIONS: { readonly [T in EventType]: readonly ServiceName[] } = {
  'registry.park-profile-changed': ['applications', 'funding', 'assessment'],
};

export function subscribersOf(type: EventType): readonly ServiceName[] {
  return EVENT_SUBSCRIPTIONS[type] ?? [];
}

/** One inbound event queue per consuming service. */
export function eventQueueName(service: ServiceName): string {
  return `events.${service}`;
}
