import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in-process: 550 for `bounce…` recipients, 451 once for `busy…` recipients. */
export class TestSmtp {
  readonly received: { rcptTo: string[]; mail: ParsedMail }[] = [];
  private busyRejected = new Set<string>();
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const to = address.address;
      if (to.startsWith('bounce')) {
        return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      }
      if (to.startsWith('busy') && !this.busyRejected.has(to)) {
        this.busyRejected.add(to);
        return callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          this.received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  port = 0;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  /** Messages whose notification id starts with the prefix (a case's stream id). */
  messagesOf(prefix: string) {
    return this.received.filter(({ mail }) => notificationIdOf(mail).startsWith(prefix));
  }
}

export function notificationIdOf(mail: ParsedMail): string {
  return String(mail.headers.get('x-dim-notification-id') ?? '');
}
