import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DigestQuote } from '../../src/report/digest-model.ts';
import { renderMarkdown } from '../../src/report/render-md.ts';
import { libreTranslate, TranslationCache, translateQuotes, translatorFromEnv } from '../../src/report/translate.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A local server speaking LibreTranslate's POST /translate, recording every request. */
function fakeLibreTranslate() {
  const requests: { q: string; source: string; target: string; format: string }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const c of req) body += c;
    if (req.method !== 'POST' || req.url !== '/translate') {
      res.writeHead(404).end();
      return;
    }
    const r = JSON.parse(body);
    requests.push(r);
    if (r.q.includes('FAIL')) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'model not loaded' }));
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ translatedText: `[${r.source}->${r.target}] ${r.q}` }));
  });
  return { server, requests };
}

function quote(id: string, text: string, lang: string): DigestQuote {
  return {
    messageId: id.repeat(64).slice(0, 64),
    seq: 1,
    platform: 'twitter',
    author: { id: 'x', handle: 'x' },
    postedAt: '2016-12-13T10:00:00+02:00',
    text,
    lang,
    places: [],
    category: 'farewell',
    checked: false,
    urgency: 0,
    similar: [],
    media: { count: 0, graphic: 0 },
  };
}

describe('machine translation (LibreTranslate API)', () => {
  const fake = fakeLibreTranslate();
  let url: string;
  const dir = tempDir('vigil-translate-');
  before(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  after(() => {
    fake.server.close();
    dir.remove();
  });

  it('puts a marked translation beneath quotes in the other language, and caches it per message and model', async () => {
    const translator = libreTranslate(url);
    const cachePath = join(dir.path, 'cache', 'translations.jsonl');
    const quotes = [
      quote('a', 'سامحونا جميعاً', 'ar'),
      quote('b', 'We are safe', 'en'),
      quote('a', 'سامحونا جميعاً', 'ar'),
    ];
    const r = await translateQuotes(quotes, 'en', translator, new TranslationCache(cachePath));
    assert.deepEqual(fake.requests, [{ q: 'سامحونا جميعاً', source: 'ar', target: 'en', format: 'text' }]);
    assert.equal(r.translated, 2);
    assert.equal(quotes[0].translation?.text, '[ar->en] سامحونا جميعاً');
    assert.equal(quotes[1].translation, undefined, 'English stays as it is in an English digest');
    assert.match((await readFile(cachePath, 'utf8')).trim(), /"model":"libretranslate@127\.0\.0\.1:\d+"/);

    const again = [quote('a', 'سامحونا جميعاً', 'ar')];
    await translateQuotes(again, 'en', translator, new TranslationCache(cachePath));
    assert.equal(fake.requests.length, 1, 'the second digest reads the cache');
    assert.equal(again[0].translation?.engine, 'LibreTranslate');

    const other = [quote('a', 'سامحونا جميعاً', 'ar')];
    await translateQuotes(other, 'en', libreTranslate(url, { model: 'another' }), new TranslationCache(cachePath));
    assert.equal(fake.requests.length, 2, 'another model is another cache entry');

    const md = renderMarkdown({
      kind: 'vigil.digest',
      version: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      options: { since: '2016-12-13T00:00:00.000Z', until: '2016-12-13T23:59:59.999Z', people: 'all', lang: 'en' },
      watchlist: { silent: [], farewellThenActive: [], safe: [], goingOffline: [], outages: [] },
      farewells: { items: [quotes[0]], more: 0 },
      lastMessages: [],
      pleas: { items: [], more: 0 },
      casualties: [],
      places: [],
      evacuation: { items: [], more: 0 },
      totals: { messages: 1, accounts: 1, reposts: 0, quoted: 1 },
      query: 'vigil digest',
      empty: false,
    });
    assert.match(md, /> سامحونا جميعاً\n/);
    assert.match(md, /> \*machine translation \(LibreTranslate\):\* \[ar->en\] سامحونا جميعاً/);
  });

  it('leaves a quote untranslated when the server fails, and says how many failed', async () => {
    const quotes = [quote('c', 'FAIL هنا', 'ar')];
    const r = await translateQuotes(quotes, 'en', libreTranslate(url), new TranslationCache(join(dir.path, 'x.jsonl')));
    assert.equal(r.failed, 1);
    assert.match(r.lastError ?? '', /500 model not loaded/);
    assert.equal(quotes[0].translation, undefined);
  });

  it('sends nothing anywhere without VIGIL_TRANSLATE_URL', () => {
    assert.equal(translatorFromEnv({}), undefined);
    assert.equal(translatorFromEnv({ VIGIL_TRANSLATE_URL: '  ' }), undefined);
    assert.equal(translatorFromEnv({ VIGIL_TRANSLATE_URL: url })?.engine, 'LibreTranslate');
  });
});
