import { guardedUpdate } from '@cz/db';
import type { Logger } from '@cz/logging';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { EmailDeliveryStatus } from '../entities/email-delivery.entity';
import { emailMessageId, MAX_SEND_ATTEMPTS } from './email-jobs';
import { relayRejection } from './relay-rejection';

export interface SendEmailDeps {
  dataSource: DataSource;
  /** Absent when no relay is configured: deliveries are then SKIPPED. */
  transport?: Transporter;
  mailFrom: string;
  logger: Logger;
}

export type SendOutcome = EmailDeliveryStatus | 'ALREADY_DONE';

interface PendingEmail {
  id: string;
  email: string;
  status: EmailDeliveryStatus;
  attempts: number;
  title: string;
  body: string;
  link: string | null;
}

const FOOTER = '——\n此邮件由长治市人力资源服务产业园平台自动发送，请勿直接回复；请登录平台查看和办理。';

function messageText({ body, link }: PendingEmail): string {
  return [body, link ? `办理入口：${link}` : undefined, FOOTER].filter(Boolean).join('\n\n');
}

/** Changes a delivery only while it is still PENDING; returns whether this call changed it. */
async function settle(dataSource: DataSource, id: string, assignments: string, parameters: unknown[]): Promise<boolean> {
  const changed = await dataSource.transaction((manager) => guardedUpdate(manager, `UPDATE "${SCHEMA}"."email_delivery" SET ${assignments} WHERE "id" = $1 AND "status" = 'PENDING'`, [id, ...parameters]));
  return changed > 0;
}

/**
 * The job handler: re-reads the delivery and sends only a PENDING one, so a job run twice (a retry,
 * a re-offered job after Redis lost it) sends nothing new once the row says SENT. A failed send is
 * counted on the row and retried by BullMQ until MAX_SEND_ATTEMPTS, then the row is FAILED.
 */
export async function sendEmail({ dataSource, transport, mailFrom, logger }: SendEmailDeps, deliveryId: string): Promise<SendOutcome> {
  const [delivery]: PendingEmail[] = await dataSource.query(
    `SELECT d.id, d.email, d.status, d.attempts, n.title, n.body, n.link
       FROM "${SCHEMA}"."email_delivery" d JOIN "${SCHEMA}"."notification" n ON n.id = d.notification_id
      WHERE d.id = $1`,
    [deliveryId],
  );
  if (!delivery || delivery.status !== 'PENDING') return 'ALREADY_DONE';
  if (!transport) return (await settle(dataSource, deliveryId, `"status" = 'SKIPPED', "last_error" = 'no SMTP relay configured (SMTP_URL)'`, [])) ? 'SKIPPED' : 'ALREADY_DONE';
  if (delivery.attempts >= MAX_SEND_ATTEMPTS) return (await settle(dataSource, deliveryId, `"status" = 'FAILED'`, [])) ? 'FAILED' : 'ALREADY_DONE';

  const messageId = emailMessageId(deliveryId);
  try {
    await transport.sendMail({ from: mailFrom, to: delivery.email, subject: delivery.title, text: messageText(delivery), messageId });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const final = delivery.attempts + 1 >= MAX_SEND_ATTEMPTS;
    await settle(dataSource, deliveryId, `"attempts" = "attempts" + 1, "last_error" = $2${final ? `, "status" = 'FAILED'` : ''}`, [reason]);
    logger.warn({ deliveryId, attempt: delivery.attempts + 1, final, relay: relayRejection(error) }, 'e-mail not accepted by the relay');
    if (final) return 'FAILED';
    throw error;
  }
  // A crash right here resends on the next attempt: at-least-once, but with the same Message-ID.
  await settle(dataSource, deliveryId, `"status" = 'SENT', "attempts" = "attempts" + 1, "message_id" = $2, "sent_at" = now(), "last_error" = NULL`, [messageId]);
  return 'SENT';
}
