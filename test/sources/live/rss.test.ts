import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectRound } from '../../../src/pipeline/collect/collector.ts';
import { feedDate } from '../../../src/sources/live/rss.ts';
import { addFollow } from '../../../src/store/queries/live.ts';
import { livePipeline, testFetcher } from '../../helpers/live.ts';
import { type LocalServer, localServer } from '../../helpers/local-server.ts';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'live', 'rss');

describe('live source: RSS and Atom', () => {
  let s: LocalServer;
  let p: Awaited<ReturnType<typeof livePipeline>>;
  const files: Record<string, string> = {
    '/blog.rss': readFileSync(join(FIX, 'blog.rss.xml'), 'utf8'),
    '/news.atom': readFileSync(join(FIX, 'news.atom.xml'), 'utf8'),
    '/broken.xml': '<html><body>Not a feed</body></html>',
  };
  before(async () => {
    s = await localServer((req, res) => {
      const body = files[req.url ?? ''];
      if (!body) {
        res.writeHead(404);
        return res.end();
      }
      const etag = `"${body.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/xml', etag });
      res.end(body);
    });
    p = await livePipeline();
    for (const path of Object.keys(files))
      await addFollow(p.store.db, {
        key: `rss:${s.url}${path}`,
        platform: 'rss',
        target: `${s.url}${path}`,
        auto: false,
        addedAt: new Date().toISOString(),
        addedBy: 'test',
      });
  });
  after(async () => {
    await p.dispose();
    await s.close();
  });

  it('reads RSS and Atom entries, keeps each offset, rejects an undated entry, and names a page that is no feed', async () => {
    const entries = await collectRound(p, { fetcher: testFetcher(), stages: [] });
    const by = (path: string) => entries.find((e) => e.follow.key.endsWith(path));
    assert.equal(by('/blog.rss')?.result?.captured, 2);
    assert.equal(by('/blog.rss')?.health.state, 'degraded');
    assert.match(by('/blog.rss')?.health.lastError ?? '', /entry=2: .*no readable date/);
    assert.equal(by('/news.atom')?.result?.captured, 1);
    assert.equal(by('/news.atom')?.health.state, 'ok');
    assert.equal(by('/broken.xml')?.ok, false);
    assert.match(by('/broken.xml')?.error ?? '', /broken\.xml: not a feed/);
    const rows = await p.store.db
      .selectFrom('messages')
      .select(['native_id', 'posted_at', 'text'])
      .orderBy('posted_at')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.native_id, r.posted_at]),
      [
        ['diary-2016-12-12', '2016-12-12T23:41:00+02:00'],
        ['diary-2016-12-13', '2016-12-13T19:05:00+00:00'],
        ['urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a', '2016-12-14T09:30:00+02:00'],
      ],
    );
    assert.match(rows[1].text, /نحن بخير/);
  });

  it('an unchanged feed answers 304 and adds nothing', async () => {
    const entries = await collectRound(p, { fetcher: testFetcher(), stages: [] });
    assert.equal(entries.find((e) => e.follow.key.endsWith('/blog.rss'))?.result?.pages, 0);
    assert.equal(
      s.requests.filter((r) => r.path === '/blog.rss').at(-1)?.headers['if-none-match'],
      `"${files['/blog.rss'].length}"`,
    );
  });

  it('reads RFC 822 dates with their offset', () => {
    assert.equal(feedDate('Mon, 12 Dec 2016 23:41:00 +0200'), '2016-12-12T23:41:00+02:00');
    assert.equal(feedDate('Mon, 12 Dec 2016 23:41:00 EST'), '2016-12-12T23:41:00-05:00');
    assert.equal(feedDate('not a date'), undefined);
  });
});
