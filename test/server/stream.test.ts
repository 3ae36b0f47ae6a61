import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { bearer, type Harness, harness, jsonl, minimal } from './harness.ts';

let h: Harness;
let base: string;

before(async () => {
  // A long poll interval: the test proves the in-process wakeup, not the poll.
  h = await harness({ server: { streamPollMs: 60_000 } });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
after(() => h.close());

interface Sse {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * Open the stream and collect parsed events until `until` says stop (or 10 s pass). `until` also gets
 * the last ledger seq the stream has reached, id-only blocks included.
 */
function readStream(
  headers: Record<string, string>,
  until: (events: Sse[], reachedSeq: number) => boolean,
  onOpen?: () => void,
): Promise<Sse[]> {
  return new Promise((resolve, reject) => {
    const events: Sse[] = [];
    let reachedSeq = -1;
    const guard = setTimeout(() => {
      req.destroy();
      reject(new Error(`stream ended without the expected events: ${JSON.stringify(events)}`));
    }, 10_000);
    const req = request(`${base}/api/stream`, { headers }, (res) => {
      if (res.statusCode !== 200) {
        clearTimeout(guard);
        res.resume();
        resolve([{ event: `status ${res.statusCode}` }]);
        return;
      }
      assert.match(String(res.headers['content-type']), /text\/event-stream/);
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev: Sse = {};
          for (const line of block.split('\n')) {
            const m = /^(id|event|data): (.*)$/.exec(line);
            if (m) ev[m[1] as keyof Sse] = m[2];
          }
          if (ev.id !== undefined) reachedSeq = Math.max(reachedSeq, Number(ev.id));
          if (ev.event) events.push(ev);
          i = buf.indexOf('\n\n');
        }
        if (until(events, reachedSeq)) {
          clearTimeout(guard);
          req.destroy();
          resolve(events);
        }
      });
      onOpen?.();
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
    req.end();
  });
}

async function ingest(...messages: object[]) {
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(...messages),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200);
}

test('anonymous clients cannot open the stream', async () => {
  const events = await readStream({}, () => true);
  assert.deepEqual(events, [{ event: 'status 401' }]);
});

test('a message ingested while a client listens arrives as an SSE event whose id is its ledger seq', async () => {
  const events = await readStream(
    bearer(h.tokens.viewer),
    (evs) => evs.some((e) => e.event === 'message'),
    () => void ingest(minimal('1', 'live: smoke over the old city')),
  );
  const msg = events.find((e) => e.event === 'message')!;
  const data = JSON.parse(msg.data!);
  assert.equal(data.text, 'live: smoke over the old city');
  assert.equal(Number(msg.id), data.seq);
  const stored = (await h.app.inject({ url: `/api/messages/${data.id}`, headers: bearer(h.tokens.viewer) })).json();
  assert.equal(stored.message.seq, data.seq);
});

test('reconnecting with Last-Event-ID replays what was missed, from the ledger', async () => {
  const head = (await h.store.ledgerHead()).seq;
  await ingest(minimal('2', 'missed one'), minimal('3', 'missed two'));
  const events = await readStream(
    { ...bearer(h.tokens.viewer), 'last-event-id': String(head) },
    (evs) => evs.filter((e) => e.event === 'message').length >= 2,
  );
  const texts = events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data!).text);
  assert.deepEqual(texts, ['missed one', 'missed two']);
  assert.ok(events.every((e) => Number(e.id) > head));
});

test('credential and audit events are never streamed', async () => {
  const head = (await h.store.ledgerHead()).seq;
  await h.app.inject({ method: 'POST', url: '/api/tokens', payload: {}, headers: bearer(h.tokens.analyst) });
  await ingest(minimal('5', 'after the token'));
  const ledger: { seq: number; kind: string }[] = [];
  for await (const e of h.store.readLedger(head + 1)) ledger.push({ seq: e.seq, kind: e.kind });
  const hidden = ledger.filter((e) => e.kind.startsWith('token.')).map((e) => e.seq);
  assert.ok(hidden.length > 0, `a credential event lies in the replayed range: ${JSON.stringify(ledger)}`);
  const end = ledger.at(-1)!.seq;

  // Read until the stream has gone past every event appended above, so each one had its chance.
  const events = await readStream(
    { ...bearer(h.tokens.viewer), 'last-event-id': String(head) },
    (_evs, reachedSeq) => reachedSeq >= end,
  );
  assert.deepEqual(
    events.map((e) => e.event),
    ['message', 'analysis'],
  );
  assert.equal(JSON.parse(events[0].data!).text, 'after the token');
  for (const e of events) assert.ok(!hidden.includes(Number(e.id)), `seq ${e.id} is a credential event`);
});
