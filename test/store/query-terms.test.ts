import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fts5Match, parseQuery, tsQuery } from '../../src/store/search/query-terms.ts';

describe('prefix matching needs at least 3 letters', () => {
  it('a 2-letter term matches whole words only, a 3-letter one as a prefix, on both stores', () => {
    assert.equal(fts5Match(parseQuery('ho'), true), '"ho"');
    assert.equal(fts5Match(parseQuery('hos'), true), '"hos"*');
    assert.equal(fts5Match(parseQuery('hos ho'), true), '"hos"* AND "ho"');
    assert.equal(fts5Match(parseQuery('hos'), false), '"hos"');
    assert.equal(tsQuery(parseQuery('ho'), true), "'ho'");
    assert.equal(tsQuery(parseQuery('hos'), true), "'hos':*");
  });

  it('counts letters, not UTF-16 units or bytes: a 3-letter Arabic prefix is a prefix', () => {
    assert.equal(fts5Match(parseQuery('مست'), true), '"مست"*');
    assert.equal(fts5Match(parseQuery('حل'), true), '"حل"');
  });
});
