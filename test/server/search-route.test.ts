import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bearer, type Harness, harness, jsonl, minimal } from './harness.ts';

let h: Harness;
const at = (minute: number) => `2016-12-13T10:${String(minute).padStart(2, '0')}:00+02:00`;

before(async () => {
  h = await harness();
  // 'shell' as a whole word in 4 posts, only as a prefix in 4; two name a neighbourhood of Aleppo.
  const posts = [
    minimal('1', 'a shell hit the bakery', { postedAt: at(1) }),
    minimal('2', 'shelling near the school', { postedAt: at(2) }),
    minimal('3', 'a shell fell in al-Sukkari', { postedAt: at(3) }),
    minimal('4', 'shells again tonight', { postedAt: at(4) }),
    minimal('5', 'a shell on the road', { postedAt: at(5) }),
    minimal('6', 'shelled all night in al-Shaar', { postedAt: at(6) }),
    minimal('7', 'another shell, no water', { postedAt: at(7) }),
    minimal('8', 'shelling stopped for an hour', { postedAt: at(8) }),
  ];
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/ingest',
    payload: jsonl(...posts),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(h.tokens.analyst) },
  });
  assert.equal(r.statusCode, 200, r.body);
});
after(() => h.close());

async function get(query: Record<string, string>) {
  return h.app.inject({ url: `/api/search?${new URLSearchParams(query)}`, headers: bearer(h.tokens.viewer) });
}

test('pages follow `next` in one match mode until a short page, which has no next', async () => {
  for (const limit of ['3', '5']) {
    const texts: string[] = [];
    let next: string | undefined;
    for (let n = 0; n < 10; n++) {
      const r = await get({ text: 'shell', limit, ...(next ? { after: next } : {}) });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      texts.push(...body.hits.map((x: { text: string }) => x.text));
      next = body.next;
      if (!next) break;
    }
    assert.equal(new Set(texts).size, texts.length, `limit ${limit}: no repeats`);
    // limit 3: four whole-word posts fill a first page, so whole words only; limit 5: they don't, so prefixes.
    const expected = limit === '3' ? 4 : 8;
    assert.equal(texts.length, expected, `limit ${limit}: ${texts}`);
    if (limit === '3') assert.ok(texts.every((t) => /\bshell\b/.test(t)));
  }
});

test('a cursor from another search or a broken one is a 400', async () => {
  const first = (await get({ text: 'shell', limit: '1' })).json();
  assert.ok(first.next);
  const other = await get({ text: 'bakery', after: first.next });
  assert.equal(other.statusCode, 400);
  assert.match(other.json().message, /another search/);
  assert.equal((await get({ text: 'shell', after: 'x' })).statusCode, 400);
  assert.equal((await get({ text: 'shell', after: first.next, offset: '2' })).statusCode, 400);
});

test('place is resolved by the route: a city finds posts naming its neighbourhoods, in Arabic or English', async () => {
  for (const place of ['حلب', 'Aleppo', 'al-Sukkari']) {
    const r = await get({ place });
    assert.equal(r.statusCode, 200, r.body);
    const texts = r.json().hits.map((x: { text: string }) => x.text);
    const want =
      place === 'al-Sukkari'
        ? ['a shell fell in al-Sukkari']
        : ['shelled all night in al-Shaar', 'a shell fell in al-Sukkari'];
    assert.deepEqual(texts, want, place);
  }
});
