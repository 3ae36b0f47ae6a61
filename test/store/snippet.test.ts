import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../../src/store/search/query-terms.ts';
import { makeExcerpt, makeSnippet } from '../../src/store/search/snippet.ts';

describe('search excerpts', () => {
  it('places marks by offset, so brackets in the text stay text', () => {
    const text = 'They wrote [[not a match]] and then: water is gone, send water';
    const { excerpt, marks } = makeExcerpt(text, parseQuery('water'));
    assert.equal(excerpt, text);
    assert.deepEqual(
      marks.map(({ start, end }) => excerpt.slice(start, end)),
      ['water', 'water'],
    );
    // The bracketed form is what a terminal shows; it cannot tell the person's brackets from a match.
    assert.match(makeSnippet(text, parseQuery('water')), /\[\[not a match\]\].*\[\[water\]\]/);
  });

  it('shifts marks past the leading ellipsis of a cut excerpt', () => {
    const text = `${'x '.repeat(200)}the bakery in Bustan al-Qasr was hit ${'y '.repeat(200)}`;
    const { excerpt, marks } = makeExcerpt(text, parseQuery('bakery'), 80);
    assert.ok(excerpt.startsWith('…') && excerpt.endsWith('…'));
    assert.deepEqual(
      marks.map(({ start, end }) => excerpt.slice(start, end)),
      ['bakery'],
    );
  });

  it('has no marks without a match', () => {
    assert.deepEqual(makeExcerpt('nothing here', parseQuery('water')).marks, []);
    assert.deepEqual(makeExcerpt('nothing here', []).marks, []);
  });
});
