import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SimulatedClock } from '../../../src/watch/clock.ts';
import { EmailNotifier } from '../../../src/watch/notifiers/email.ts';
import { SAMPLE_ALERT } from './sample-alert.ts';

describe('email notifier (SMTP on loopback)', () => {
  const mails: { from: string; to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port: number;

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => {
          // Undo quoted-printable soft line breaks so assertions read the text.
          data = data.replace(/=\r\n/g, '');
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the alert with its reason, numbers and links, and logs the delivery', async () => {
    const n = new EmailNotifier({
      host: '127.0.0.1',
      port,
      ignoreTLS: true,
      from: 'vigil@example.org',
      to: ['desk@example.org', 'family@example.org'],
      clock: new SimulatedClock(Date.parse('2016-12-14T08:00:00Z')),
    });
    const d = await n.deliver(SAMPLE_ALERT);
    n.close();
    assert.equal(d.ok, true, JSON.stringify(d));
    assert.equal(d.channel, 'email');
    assert.equal(d.attempts[0].at, '2016-12-14T08:00:00.000Z');
    assert.equal(d.attempts[0].status, 250);
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0].to, ['desk@example.org', 'family@example.org']);
    assert.match(mails[0].data, /Subject: \[Vigil\] Lamis Haj Ali has gone silent/);
    assert.match(mails[0].data, /Last post at: 2016-12-13T07:41:00.000Z/);
    assert.match(mails[0].data, /Usual gap \(median\): 89 min/);
    assert.match(mails[0].data, /Date: Wed, 14 Dec 2016 08:00:00 \+0000/);
    assert.match(mails[0].data, /https:\/\/demo.invalid\/twitter\/x\/1/);
    assert.match(mails[0].data, /X-Vigil-Alert-Id: a-0123456789abcdef/i);
  });

  it('reports a refused delivery instead of throwing', async () => {
    const n = new EmailNotifier({
      host: '127.0.0.1',
      port: 1,
      ignoreTLS: true,
      from: 'v@example.org',
      to: ['x@example.org'],
    });
    const d = await n.deliver(SAMPLE_ALERT);
    n.close();
    assert.equal(d.ok, false);
    assert.ok(d.attempts[0].error);
  });
});
