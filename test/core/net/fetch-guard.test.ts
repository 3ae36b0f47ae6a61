import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAllowList, refusalReason } from '../../../src/core/net/address-policy.ts';
import {
  FetchNetworkError,
  FetchRefusedError,
  FetchTimeoutError,
  FetchTooLargeError,
  HttpStatusError,
  RateLimitedError,
} from '../../../src/core/net/errors.ts';
import { guardedFetch } from '../../../src/core/net/fetch-guard.ts';
import { PoliteFetcher } from '../../../src/core/net/polite-fetcher.ts';
import { type LocalServer, localServer } from '../../helpers/local-server.ts';

const LOOPBACK = parseAllowList('127.0.0.0/8');
const UA = 'VigilTest/1';

describe('address policy', () => {
  it('refuses private, loopback, link-local, unique-local, multicast and mapped addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.1',
      '172.16.5.4',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '224.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
      '::ffff:127.0.0.1',
    ])
      assert.ok(refusalReason(ip, []), ip);
    for (const ip of ['93.184.216.34', '2606:4700::1111']) assert.equal(refusalReason(ip, []), undefined, ip);
  });
  it('lets an allowed range through, and only that range', () => {
    const allow = parseAllowList('127.0.0.0/8, 10.0.0.5');
    assert.equal(refusalReason('127.0.0.1', allow), undefined);
    assert.equal(refusalReason('::ffff:127.0.0.1', allow), undefined);
    assert.equal(refusalReason('10.0.0.5', allow), undefined);
    assert.ok(refusalReason('10.0.0.6', allow));
    assert.ok(refusalReason('::1', allow));
  });
  it('names a bad entry of VIGIL_FETCH_ALLOW', () => {
    assert.throws(() => parseAllowList('127.0.0.0/8,nonsense'), /VIGIL_FETCH_ALLOW: "nonsense"/);
  });
});

describe('guardedFetch', () => {
  let s: LocalServer;
  let hits = 0;
  before(async () => {
    s = await localServer((req, res) => {
      hits++;
      const port = (req.socket.localPort ?? 0).toString();
      if (req.url === '/ok') {
        res.setHeader('set-cookie', 'a=b');
        res.end(JSON.stringify({ ua: req.headers['user-agent'], cookie: req.headers.cookie ?? null }));
      } else if (req.url === '/to-refused') {
        res.writeHead(302, { location: `http://127.0.0.2:${port}/ok` });
        res.end();
      } else if (req.url === '/to-private') {
        res.writeHead(301, { location: 'http://10.0.0.1/' });
        res.end();
      } else if (req.url === '/to-ok') {
        res.writeHead(302, { location: '/ok' });
        res.end();
      } else if (req.url === '/big') {
        res.setHeader('content-length', String(2048));
        res.end(Buffer.alloc(2048));
      } else if (req.url === '/big-chunked') {
        res.write(Buffer.alloc(700));
        res.write(Buffer.alloc(700));
        res.end();
      } else if (req.url === '/slow') {
        res.write('{"partial":'); // and never finishes
      } else if (req.url === '/drop') {
        res.setHeader('content-length', '100');
        res.write('{"cut');
        setImmediate(() => req.socket.destroy());
      }
    });
  });
  after(() => s.close());

  it('refuses a loopback URL by default, and fetches the same URL when VIGIL_FETCH_ALLOW covers it', async () => {
    const before = hits;
    await assert.rejects(guardedFetch(`${s.url}/ok`, { allow: [], userAgent: UA }), FetchRefusedError);
    assert.equal(hits, before, 'no request reached the server');
    const res = await guardedFetch(`${s.url}/ok`, { allow: LOOPBACK, userAgent: UA });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { ua: UA, cookie: null });
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('refuses localhost by name: the check runs after DNS resolution', async () => {
    const port = new URL(s.url).port;
    await assert.rejects(
      guardedFetch(`http://localhost:${port}/ok`, { allow: parseAllowList('10.0.0.0/8'), userAgent: UA }),
      (e: Error) => e instanceof FetchRefusedError && /loopback/.test(e.message),
    );
  });

  it('follows a redirect to an allowed address and refuses one to a refused address', async () => {
    const ok = await guardedFetch(`${s.url}/to-ok`, { allow: LOOPBACK, userAgent: UA });
    assert.equal(ok.url, `${s.url}/ok`);
    const only = parseAllowList('127.0.0.1/32');
    await assert.rejects(guardedFetch(`${s.url}/to-refused`, { allow: only, userAgent: UA }), FetchRefusedError);
    await assert.rejects(guardedFetch(`${s.url}/to-private`, { allow: LOOPBACK, userAgent: UA }), /private/);
  });

  it('refuses other schemes', async () => {
    await assert.rejects(guardedFetch('file:///etc/passwd', { allow: LOOPBACK, userAgent: UA }), FetchRefusedError);
  });

  it('caps the size, declared or streamed', async () => {
    const o = { allow: LOOPBACK, userAgent: UA, maxBytes: 1024 };
    await assert.rejects(guardedFetch(`${s.url}/big`, o), FetchTooLargeError);
    await assert.rejects(guardedFetch(`${s.url}/big-chunked`, o), FetchTooLargeError);
  });

  it('gives up on a server that never finishes', async () => {
    await assert.rejects(
      guardedFetch(`${s.url}/slow`, { allow: LOOPBACK, userAgent: UA, timeoutMs: 300 }),
      FetchTimeoutError,
    );
  });

  it('reports a connection dropped mid-answer', async () => {
    await assert.rejects(guardedFetch(`${s.url}/drop`, { allow: LOOPBACK, userAgent: UA }), FetchNetworkError);
  });
});

describe('PoliteFetcher', () => {
  let s: LocalServer;
  const script: Record<string, { status: number; headers?: Record<string, string> }[]> = {};
  before(async () => {
    s = await localServer((req, res) => {
      const next = script[req.url ?? '']?.shift() ?? { status: 200 };
      res.writeHead(next.status, next.headers);
      res.end(String(next.status));
    });
  });
  after(() => s.close());

  function fetcher(extra: Partial<ConstructorParameters<typeof PoliteFetcher>[0]> = {}) {
    const slept: number[] = [];
    const f = new PoliteFetcher({
      allow: LOOPBACK,
      minIntervalMs: 0,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...extra,
    });
    return { f, slept };
  }

  it('waits out 429 with Retry-After, then answers', async () => {
    script['/rl'] = [{ status: 429, headers: { 'retry-after': '2' } }];
    const { f, slept } = fetcher();
    const res = await f.get(`${s.url}/rl`);
    assert.equal(res.status, 200);
    assert.ok(
      slept.some((ms) => ms > 1900 && ms <= 2000),
      `slept ${slept}`,
    );
  });

  it('throws RateLimitedError with the time to come back when Retry-After is too long to wait', async () => {
    script['/rl-long'] = [{ status: 429, headers: { 'retry-after': '3600' } }];
    const { f } = fetcher({ maxWaitMs: 1000 });
    const err = await f.get(`${s.url}/rl-long`).catch((e) => e);
    assert.ok(err instanceof RateLimitedError);
    assert.ok(err.retryAt.getTime() > Date.now() + 3500_000);
  });

  it('retries 500s with growing, jittered backoff, then gives up with the status', async () => {
    script['/flaky'] = [{ status: 500 }, { status: 502 }];
    const { f, slept } = fetcher({ backoffBaseMs: 100 });
    assert.equal((await f.get(`${s.url}/flaky`)).status, 200);
    assert.deepEqual(slept, [50, 100]);
    script['/down'] = [{ status: 500 }, { status: 500 }, { status: 500 }];
    const err = await fetcher({ retries: 2 })
      .f.get(`${s.url}/down`)
      .catch((e) => e);
    assert.ok(err instanceof HttpStatusError && err.status === 500);
  });

  it('returns a 404 to the caller and sends the configured User-Agent', async () => {
    script['/gone'] = [{ status: 404 }];
    const { f } = fetcher({ userAgent: 'Desk/2 (desk@example.org)' });
    assert.equal((await f.get(`${s.url}/gone`)).status, 404);
    assert.equal(s.requests.at(-1)?.headers['user-agent'], 'Desk/2 (desk@example.org)');
  });

  it('spaces requests to one host', async () => {
    const { f, slept } = fetcher({ minIntervalMs: 5000 });
    await f.get(`${s.url}/a`);
    await f.get(`${s.url}/b`);
    assert.equal(slept.length, 1);
    assert.ok(slept[0] > 4000);
  });
});
