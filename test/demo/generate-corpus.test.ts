import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS_QUERIES, generateCorpus, ONE_TERM_QUERIES, TWO_TERM_QUERIES } from '../../bench/generate-corpus.ts';
import { normalizeArabic } from '../../src/core/arabic-normalize.ts';
import { parseMinimal } from '../../src/sources/minimal-message.ts';

const N = 4000;

describe('generateCorpus', () => {
  it('streams N valid, tweet-sized, half-Arabic lines, the same bytes for the same seed', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-corpus-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const a = path.join(dir, 'a.jsonl');
    const bytes = await generateCorpus(a, N, 5);
    await generateCorpus(path.join(dir, 'b.jsonl'), N, 5);
    await generateCorpus(path.join(dir, 'c.jsonl'), N, 6);
    const raw = await readFile(a);
    assert.equal(raw.length, bytes);
    assert.deepEqual(raw, await readFile(path.join(dir, 'b.jsonl')));
    assert.notDeepEqual(raw, await readFile(path.join(dir, 'c.jsonl')));

    const lines = raw.toString('utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, N);
    const authors = new Set<string>();
    const ids = new Set<string>();
    let arabic = 0;
    for (const line of lines) {
      const m = JSON.parse(line);
      const parsed = parseMinimal(m);
      assert.ok(parsed.ok, line);
      assert.ok(m.text.length >= 40 && m.text.length <= 280, `length ${m.text.length}`);
      const offset = Date.parse(m.postedAt) < Date.parse('2016-10-28T00:00:00+03:00') ? '+03:00' : '+02:00';
      assert.ok(m.postedAt.endsWith(offset), m.postedAt);
      if (m.lang === 'ar') {
        arabic++;
        assert.match(m.text, /[\u0600-\u06FF]/);
      }
      authors.add(m.author.id);
      const key = `${m.platform}|${m.author.id}|${m.id}`;
      assert.ok(!ids.has(key), `duplicate ${key}`);
      ids.add(key);
    }
    assert.ok(Math.abs(arabic / N - 0.5) < 0.05, `${arabic} Arabic of ${N}`);
    assert.ok(authors.size > 1000, `${authors.size} authors`);

    // Common query terms are common: each matches a good share of messages.
    const texts = lines.map((l) => ` ${normalizeArabic(JSON.parse(l).text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
    for (const q of CORPUS_QUERIES.filter((x) => x.frequency === 'common')) {
      const terms = normalizeArabic(q.text).split(' ');
      const hits = texts.filter((x) => terms.every((w) => x.includes(` ${w} `))).length;
      assert.ok(hits > N / 100, `${q.text}: ${hits} hits`);
    }
  });

  it('exports one- and two-term queries in both languages', () => {
    assert.ok(ONE_TERM_QUERIES.length >= 4 && TWO_TERM_QUERIES.length >= 4);
    assert.ok(TWO_TERM_QUERIES.every((q) => q.split(' ').length === 2));
    for (const lang of ['ar', 'en'])
      for (const frequency of ['common', 'rarer'])
        assert.ok(
          CORPUS_QUERIES.some((q) => q.lang === lang && q.frequency === frequency),
          `${lang} ${frequency}`,
        );
  });
});
