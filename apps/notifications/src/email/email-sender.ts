import type { Logger } from '@cz/logging';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createTransport } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { type MailConfig, SCHEMA } from '../config';
import { EMAIL_JOB_OPTIONS, EMAIL_QUEUE, emailJobId, SEND_EMAIL_JOB, type SendEmailJobData } from './email-jobs';
import { relayRejection } from './relay-rejection';
import { sendEmail } from './send-email.job';

export interface EmailSenderDeps {
  dataSource: DataSource;
  connection: Redis;
  queuePrefix: string;
  logger: Logger;
}

/** Rows offered per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 500;
const DEFAULT_POLL_INTERVAL_MS = 2_000;

/**
 * Offers every PENDING delivery to the queue as the job `email.<id>`. Deliveries are written in the
 * event consumer's transaction, which has no after-commit hook; sweeping the table instead also
 * recreates any job Redis lost. Offering a delivery whose job exists stores nothing new.
 */
async function offerPending(dataSource: DataSource, queue: Queue<SendEmailJobData>): Promise<void> {
  const pending: Array<{ id: string }> = await dataSource.query(`SELECT "id" FROM "${SCHEMA}"."email_delivery" WHERE "status" = 'PENDING' ORDER BY "created_at" LIMIT ${SWEEP_BATCH}`);
  if (pending.length === 0) return;
  await queue.addBulk(pending.map(({ id }) => ({ name: SEND_EMAIL_JOB, data: { deliveryId: id }, opts: { ...EMAIL_JOB_OPTIONS, jobId: emailJobId(id) } })));
}

/** The service's `background` work: a BullMQ worker that sends e-mail, fed by a sweep of the deliveries table. */
export async function startEmailSender({ dataSource, connection, queuePrefix, logger }: EmailSenderDeps, mail: MailConfig): Promise<{ stop: () => Promise<void> }> {
  const transport = mail.smtpUrl ? createTransport(mail.smtpUrl) : undefined;
  if (!transport) logger.warn('SMTP_URL is not set: notification e-mails are not sent, their deliveries are marked SKIPPED');

  const queue = new Queue<SendEmailJobData>(EMAIL_QUEUE, { connection, prefix: queuePrefix });
  const worker = new Worker<SendEmailJobData>(EMAIL_QUEUE, (job: Job<SendEmailJobData>) => sendEmail({ dataSource, transport, mailFrom: mail.mailFrom, logger }, job.data.deliveryId), {
    connection,
    prefix: queuePrefix,
    concurrency: 4,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'e-mail worker error'));
  // The error is the relay's (its text and fields quote the recipient): only its codes are logged.
  worker.on('failed', (job, error) => logger.error({ relay: relayRejection(error), jobId: job?.id, attempt: job?.attemptsMade }, 'e-mail job failed'));

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = offerPending(dataSource, queue)
      .catch((error) => logger.error({ err: error }, 'offering pending e-mails failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(sweep, mail.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      });
  };
  sweep();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
      await worker.close();
      await queue.close();
      transport?.close();
    },
  };
}
