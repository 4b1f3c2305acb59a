import { deterministicJobId, SERVICE_QUEUES } from '@cz/queue-contracts';
import type { JobsOptions } from 'bullmq';

/** The service's own queue: e-mail is sent by the notifications service, not by apps/worker. */
export const EMAIL_QUEUE = SERVICE_QUEUES.notificationsEmail;
export const SEND_EMAIL_JOB = 'send-email';

/** Send attempts per delivery before it is marked FAILED. */
export const MAX_SEND_ATTEMPTS = 5;

export interface SendEmailJobData {
  deliveryId: string;
}

/** One job per delivery, however often the sweep offers it. */
export function emailJobId(deliveryId: string): string {
  return deterministicJobId('email', deliveryId);
}

/**
 * The Message-ID is fixed by the delivery, so a message sent again after a crash between the relay
 * accepting it and the row being marked SENT is recognisably the same message.
 */
export function emailMessageId(deliveryId: string): string {
  return `<${deliveryId}@hrpark.changzhi>`;
}

export const EMAIL_JOB_OPTIONS: JobsOptions = {
  // More than MAX_SEND_ATTEMPTS, so a failure outside the send (database down) still gets retries.
  attempts: MAX_SEND_ATTEMPTS + 2,
  backoff: { type: 'exponential', delay: 30_000 },
  // A kept job id is what makes the sweep's re-offer a no-op; after a day the row's status decides alone.
  removeOnComplete: { age: 24 * 3600 },
  // A job that failed for good is forgotten after an hour, so the sweep offers a still-PENDING row again.
  removeOnFail: { age: 3600 },
};
