import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SimulatedClock } from '../../../src/watch/clock.ts';
import {
  backoffDelay,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhook,
  WebhookNotifier,
} from '../../../src/watch/notifiers/webhook.ts';
import { SAMPLE_ALERT } from './sample-alert.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('webhook notifier', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  /** Status codes to answer with, in order; 200 once exhausted. */
  let script: number[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = script.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('signs the body with HMAC-SHA256 over "<t>.<body>" and the receiver can verify it', async () => {
    received.length = 0;
    script = [];
    const clock = new SimulatedClock(Date.parse('2016-12-14T08:00:00Z'));
    const n = new WebhookNotifier({ url, secret: 's3cret', clock, sleep: clock.sleep });
    const d = await n.deliver(SAMPLE_ALERT);
    assert.equal(d.ok, true);
    assert.equal(received.length, 1);
    const sig = String(received[0].headers[SIGNATURE_HEADER]);
    const now = Math.floor(clock.now() / 1000);
    assert.ok(verifyWebhook('s3cret', sig, received[0].body, now));
    assert.ok(!verifyWebhook('wrong', sig, received[0].body, now));
    assert.ok(!verifyWebhook('s3cret', sig, `${received[0].body} `, now), 'a changed body fails');
    assert.ok(!verifyWebhook('s3cret', sig, received[0].body, now + 3600), 'an old signature fails (replay)');
    assert.equal(sig, signWebhook('s3cret', now, received[0].body));
    assert.equal(JSON.parse(received[0].body).alert.id, SAMPLE_ALERT.id);
  });

  it('retries 5xx with exponential backoff on the injected sleeper and logs every attempt', async () => {
    received.length = 0;
    script = [500, 503, 200];
    const clock = new SimulatedClock(Date.parse('2016-12-14T08:00:00Z'));
    const n = new WebhookNotifier({ url, secret: 'k', clock, sleep: clock.sleep, baseDelayMs: 1000 });
    const d = await n.deliver(SAMPLE_ALERT);
    assert.equal(d.ok, true);
    assert.deepEqual(clock.slept, [1000, 2000]);
    assert.deepEqual(
      d.attempts.map((a) => a.status),
      [500, 503, 200],
    );
    assert.deepEqual(
      d.attempts.map((a) => a.at),
      ['2016-12-14T08:00:00.000Z', '2016-12-14T08:00:01.000Z', '2016-12-14T08:00:03.000Z'],
    );
    assert.deepEqual(
      received.map((r) => r.headers['x-vigil-attempt']),
      ['1', '2', '3'],
    );
  });

  it('gives up after maxAttempts, and does not retry a 4xx', async () => {
    script = [500, 500, 500];
    const clock = new SimulatedClock(0);
    const failing = await new WebhookNotifier({ url, secret: 'k', clock, sleep: clock.sleep, maxAttempts: 3 }).deliver(
      SAMPLE_ALERT,
    );
    assert.equal(failing.ok, false);
    assert.equal(failing.attempts.length, 3);
    script = [400];
    const refused = await new WebhookNotifier({ url, secret: 'k', clock, sleep: clock.sleep }).deliver(SAMPLE_ALERT);
    assert.equal(refused.ok, false);
    assert.equal(refused.attempts.length, 1);
  });

  it('records network errors as failed attempts', async () => {
    const clock = new SimulatedClock(0);
    const n = new WebhookNotifier({
      url: 'http://127.0.0.1:1/nothing',
      secret: 'k',
      clock,
      sleep: clock.sleep,
      maxAttempts: 2,
    });
    const d = await n.deliver(SAMPLE_ALERT);
    assert.equal(d.ok, false);
    assert.equal(d.attempts.length, 2);
    assert.ok(d.attempts[0].error);
  });

  it('caps the backoff', () => {
    assert.deepEqual(
      [1, 2, 3, 10].map((i) => backoffDelay(i, 1000, 5000)),
      [1000, 2000, 4000, 5000],
    );
  });
});
