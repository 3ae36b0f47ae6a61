import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  from: string;
  to: string[];
  /** The X-Vigil-Alert-Id header, or '' when the message has none. */
  alertId: string;
  subject: string;
  data: string;
}

export interface SmtpSink {
  /** host:port, as VIGIL_SMTP and `vigil watch --smtp` take it. */
  address: string;
  port: number;
  /** Messages accepted, in order. */
  mails: SinkMail[];
  /** Messages refused at the end of DATA. */
  refused: number;
  /** Refuse the next `n` messages with a temporary error (451). */
  refuseNext(n: number): void;
  /** How many times each alert id was accepted. */
  countsByAlert(): Map<string, number>;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 on a free port that keeps every message it accepts (plain SMTP, no login). */
export async function smtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  let refuse = 0;
  const sink: SmtpSink = {
    address: '',
    port: 0,
    mails,
    refused: 0,
    refuseNext: (n) => {
      refuse = n;
    },
    countsByAlert: () => {
      const m = new Map<string, number>();
      for (const mail of mails) m.set(mail.alertId, (m.get(mail.alertId) ?? 0) + 1);
      return m;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c) => {
        data += c;
      });
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          sink.refused++;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return cb(err);
        }
        // undo quoted-printable soft line breaks so assertions read the text
        data = data.replace(/=\r\n/g, '');
        const header = (name: string) =>
          new RegExp(`^${name}: *(.*)$`, 'im').exec(data.split(/\r\n\r\n/)[0] ?? '')?.[1]?.trim() ?? '';
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          alertId: header('X-Vigil-Alert-Id'),
          subject: header('Subject'),
          data,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.address = `127.0.0.1:${sink.port}`;
  return sink;
}
