import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses, as the relay saw them. */
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a free loopback port for tests: the e-mail relay is outside our system, so
 * tests start one and read what actually arrived over SMTP, parsed.
 */
export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    /** Every message that arrived, in order. */
    readonly received: ReceivedMail[],
  ) {}

  static async start(): Promise<TestSmtpServer> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            received.push({ to: session.envelope.rcptTo.map((address) => address.address), parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    return new TestSmtpServer(server, `smtp://127.0.0.1:${port}`, received);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
