import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CATEGORY_WORDS, INSTANT_WORDS, LANGUAGE_WORDS } from '../../src/core/query-params.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { bearer, type Harness, harness } from './harness.ts';

const BAD: [param: string, value: string, words: string][] = [
  ['since', 'garbage', INSTANT_WORDS],
  ['until', 'garbage', INSTANT_WORDS],
  ['since', '2016-13-45', INSTANT_WORDS],
  ['category', 'nonsense', CATEGORY_WORDS],
  ['lang', 'klingonese', LANGUAGE_WORDS],
  ['lang', 'xx', LANGUAGE_WORDS],
  ['limit', '-5', ''],
  ['limit', 'abc', ''],
  ['minUrgency', '7', ''],
];

describe('bad query input is refused with the parameter named', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  for (const url of ['/api/search', '/api/export/messages.jsonl']) {
    for (const [param, value, words] of BAD) {
      it(`${url}?${param}=${value} answers 400 naming ${param}`, async () => {
        const token = url.includes('export') ? h.tokens.analyst : h.tokens.viewer;
        const res = await h.app.inject({ url: `${url}?${param}=${encodeURIComponent(value)}`, headers: bearer(token) });
        assert.equal(res.statusCode, 400, res.body);
        const { message } = res.json();
        assert.match(message, new RegExp(`querystring/${param}`));
        if (words) assert.ok(message.includes(words), message);
      });
    }
  }

  it('good values still work: dates, a bare date, a category, a language', async () => {
    const q = 'since=2016-12-12&until=2016-12-13T20:00:00%2B02:00&category=farewell&lang=ar&limit=5';
    const res = await h.app.inject({ url: `/api/search?${q}`, headers: bearer(h.tokens.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().query.since, '2016-12-12T00:00:00.000Z');
  });
});

describe('the CLI refuses the same input with the same words', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');
  const cases: [string[], string][] = [
    [['--since', 'garbage'], `--since: ${INSTANT_WORDS}: garbage`],
    [['--until', 'garbage'], `--until: ${INSTANT_WORDS}: garbage`],
    [['--category', 'nonsense'], `--category: ${CATEGORY_WORDS}: nonsense`],
    [['--lang', 'klingonese'], `--lang: ${LANGUAGE_WORDS}: klingonese`],
    [['--limit', '-5'], '--limit: not a positive integer: -5'],
    [['--min-urgency', 'high'], '--min-urgency: not a number from 0 to 1: high'],
    [['--offset', '-1'], '--offset: not a whole number of 0 or more: -1'],
  ];
  for (const [args, words] of cases) {
    it(`vigil search ${args.join(' ')} exits 2 with "${words.slice(0, 40)}…"`, () => {
      const p = spawnSync(process.execPath, [VIGIL, 'search', '--data', join(dir.path, 'data'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, VIGIL_DATABASE_URL: '' },
      });
      assert.equal(p.status, 2, p.stderr);
      assert.ok(p.stderr.includes(words), p.stderr);
    });
  }
});
