import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { deliveryTargets } from '../../../src/pipeline/jobs/alerts-job.ts';
import {
  parseRecipients,
  parseSmtpServer,
  recipientsTarget,
  watchEmailOptions,
  workerEmailOptions,
} from '../../../src/watch/notifiers/email-settings.ts';

describe('alert email settings, shared by vigil watch and the workers', () => {
  it('host:port, with the flag or variable named when it is wrong', () => {
    assert.deepEqual(parseSmtpServer('mail.example.org:587', '--smtp'), { host: 'mail.example.org', port: 587 });
    assert.throws(() => parseSmtpServer('mail.example.org', '--smtp'), /--smtp: expected host:port/);
    assert.throws(() => parseSmtpServer('h:0', 'VIGIL_SMTP'), /VIGIL_SMTP: expected host:port, got h:0/);
    assert.throws(() => parseSmtpServer('h:70000', 'VIGIL_SMTP'), UsageError);
  });

  it('recipients from repeated flags or commas, in order, without repeats; one target string', () => {
    const to = parseRecipients(['desk@example.org', ' family@example.org ,desk@example.org', ''], '--mail-to');
    assert.deepEqual(to, ['desk@example.org', 'family@example.org']);
    assert.equal(recipientsTarget(to), 'desk@example.org, family@example.org');
    assert.deepEqual(parseRecipients('a@x, b@y', 'VIGIL_MAIL_TO'), ['a@x', 'b@y']);
    assert.throws(() => parseRecipients('desk', 'VIGIL_MAIL_TO'), /VIGIL_MAIL_TO: not an email address: desk/);
  });

  it('vigil watch: --smtp with --mail-to, the login from VIGIL_SMTP_USER and VIGIL_SMTP_PASS', () => {
    assert.equal(watchEmailOptions({ mailTo: [] }, {}), undefined);
    assert.throws(
      () => watchEmailOptions({ smtp: '127.0.0.1:25', mailTo: [] }, {}),
      /--smtp needs at least one --mail-to/,
    );
    const o = watchEmailOptions(
      { smtp: 'smtp.example.org:465', mailFrom: 'v@example.org', mailTo: ['a@example.org'] },
      { VIGIL_SMTP_USER: 'u', VIGIL_SMTP_PASS: 'p' },
    );
    assert.deepEqual(o, {
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p' },
      from: 'v@example.org',
      to: ['a@example.org'],
    });
  });

  it('workers: VIGIL_SMTP and VIGIL_MAIL_TO together or not at all', () => {
    assert.equal(workerEmailOptions({}), undefined);
    assert.throws(() => workerEmailOptions({ VIGIL_SMTP: '127.0.0.1:25' }), /VIGIL_MAIL_TO/);
    assert.throws(() => workerEmailOptions({ VIGIL_MAIL_TO: 'a@example.org' }), /VIGIL_SMTP/);
    const o = workerEmailOptions({ VIGIL_SMTP: '127.0.0.1:2525', VIGIL_MAIL_TO: 'a@example.org,b@example.org' });
    assert.deepEqual(o, {
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      auth: undefined,
      from: 'vigil@localhost',
      to: ['a@example.org', 'b@example.org'],
    });
  });

  it('the workers deliver to every webhook and to the recipient set as one email target', () => {
    assert.deepEqual(
      deliveryTargets({
        VIGIL_WEBHOOK_URLS: 'https://a.example/hook, https://b.example/hook',
        VIGIL_SMTP: '127.0.0.1:25',
        VIGIL_MAIL_TO: 'desk@example.org, family@example.org',
      }),
      [
        { channel: 'webhook', target: 'https://a.example/hook' },
        { channel: 'webhook', target: 'https://b.example/hook' },
        { channel: 'email', target: 'desk@example.org, family@example.org' },
      ],
    );
    assert.deepEqual(deliveryTargets({}), []);
  });
});
