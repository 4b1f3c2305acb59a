import { loadConfig, LOCAL_DEFAULTS } from '@cz/config';
import { readSubgraphConfig } from '@cz/subgraph-kit';
import { z } from 'zod';

export const SCHEMA = 'notifications';
export const DEFAULT_MAIL_FROM = '长治市人力资源服务产业园平台 <noreply@hrpark.changzhi.gov.cn>';

export const readConfig = (source: NodeJS.ProcessEnv = process.env) => readSubgraphConfig('NOTIFICATIONS_PORT', LOCAL_DEFAULTS.ports.notifications, source);

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const mailShape = {
  /** The relay e-mail is handed to; unset → deliveries are marked SKIPPED (local runs without a relay). */
  SMTP_URL: z.string().refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL with a host').optional(),
  MAIL_FROM: z.string().regex(/^[^\r\n]*@[^\r\n]+$/, 'must be an e-mail address, optionally with a display name').default(DEFAULT_MAIL_FROM),
};

export interface MailConfig {
  smtpUrl?: string;
  mailFrom: string;
  /** How often PENDING deliveries are (re)queued; tests shorten it. */
  pollIntervalMs?: number;
}

export function readMailConfig(source: NodeJS.ProcessEnv = process.env): MailConfig {
  const { SMTP_URL, MAIL_FROM } = loadConfig(mailShape, source);
  return { smtpUrl: SMTP_URL, mailFrom: MAIL_FROM };
}
