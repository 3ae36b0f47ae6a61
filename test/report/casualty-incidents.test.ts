import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { casualtyIncidents } from '../../src/report/casualty-incidents.ts';
import type { Digest } from '../../src/report/digest-model.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-md.ts';
import { parseRow, toQuote } from '../../src/report/select.ts';
import type { DigestRow } from '../../src/store/queries/digest.ts';

function row(id: string, author: string, count: number, postedAt: string): DigestRow {
  return {
    id: id.repeat(64).slice(0, 64),
    rowkey: 1,
    seq: 10,
    platform: 'twitter',
    nativeId: id,
    url: `https://example.invalid/${id}`,
    authorId: author,
    authorHandle: author,
    authorName: null,
    postedAt,
    text: `${count} killed in shelling on Al-Shaar`,
    lang: 'en',
    media: '[]',
    repostOf: null,
    category: 'injured_or_dead',
    modelCategory: 'injured_or_dead',
    confidence: 0.9,
    urgency: 0.5,
    analysis: JSON.stringify({
      language: 'en',
      casualties: [{ kind: 'killed', count }],
      places: [{ name: 'Al-Shaar', lat: 36.2072, lon: 37.1786 }],
    }),
    modelVersion: 'm',
    labelActor: null,
  };
}

describe('casualty incidents', () => {
  it('shows two disagreeing figures side by side, never an average', () => {
    const reports = [row('a', 'one', 82, '2016-12-13T10:00:00+02:00'), row('b', 'two', 64, '2016-12-13T11:30:00+02:00')]
      .map(parseRow)
      .map((lead) => ({ lead, quote: toQuote(lead) }));
    const [inc, ...rest] = casualtyIncidents(reports);
    assert.equal(rest.length, 0, 'one incident: same place, same day');
    assert.equal(inc.place.name, 'Al-Shaar');
    assert.equal(inc.day, '2016-12-13');
    const [killed] = inc.figures;
    assert.equal(killed.disagree, true);
    assert.deepEqual(
      killed.values.map((v) => [v.count, v.sources.map((s) => s.author.handle)]),
      [
        [82, ['one']],
        [64, ['two']],
      ],
    );
    const digest = {
      kind: 'vigil.digest',
      version: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      options: { since: '2016-12-13T00:00:00.000Z', until: '2016-12-13T23:59:59.999Z', people: 'all', lang: 'en' },
      watchlist: { silent: [], farewellThenActive: [], safe: [], goingOffline: [], outages: [] },
      farewells: { items: [], more: 0 },
      lastMessages: [],
      pleas: { items: [], more: 0 },
      casualties: [inc],
      places: [],
      evacuation: { items: [], more: 0 },
      totals: { messages: 2, accounts: 2, reposts: 0, quoted: 2 },
      query: 'vigil digest',
      empty: false,
    } satisfies Digest;
    const md = renderMarkdown(digest);
    assert.match(md, /killed: \*\*Sources disagree: 82 vs 64\*\*/);
    assert.doesNotMatch(md, /\b73\b/);
    const html = renderHtml(digest);
    assert.match(html, /data-count="82"/);
    assert.match(html, /data-count="64"/);
  });

  it('keeps one count reported by several sources as one figure', () => {
    const reports = [row('a', 'one', 30, '2016-12-13T10:00:00+02:00'), row('b', 'two', 30, '2016-12-13T12:00:00+02:00')]
      .map(parseRow)
      .map((lead) => ({ lead, quote: toQuote(lead) }));
    const [inc] = casualtyIncidents(reports);
    assert.equal(inc.figures[0].disagree, false);
    assert.equal(inc.figures[0].values[0].sources.length, 2);
  });

  it('separates incidents by the local day of the post', () => {
    const reports = [row('a', 'one', 30, '2016-12-13T23:30:00+02:00'), row('b', 'two', 30, '2016-12-14T00:30:00+02:00')]
      .map(parseRow)
      .map((lead) => ({ lead, quote: toQuote(lead) }));
    assert.equal(casualtyIncidents(reports).length, 2);
  });
});
