/**
 * What a log line may say about a failed send. A relay's rejection text quotes the recipient
 * ("550 5.1.1 <wang@…>: user unknown") and nodemailer's error carries the envelope and the
 * rejected addresses, so the log keeps only the machine-readable parts; the full text stays on
 * the delivery row (`last_error`), beside the address it is about, where only the service reads it.
 */
export interface RelayRejection {
  /** nodemailer's error code, e.g. EENVELOPE, EAUTH, ECONNECTION. */
  code?: string;
  /** The SMTP reply code, e.g. 550. */
  responseCode?: number;
  /** The SMTP command refused, e.g. RCPT TO. */
  command?: string;
  /** The error's class, for anything that is not an SMTP reply. */
  type: string;
}

export function relayRejection(error: unknown): RelayRejection {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, responseCode, command } = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
    ...(typeof command === 'string' ? { command } : {}),
  };
}
