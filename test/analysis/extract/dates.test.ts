import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDates } from '../../../src/analysis/extract/dates.ts';

describe('extractDates', () => {
  const posted = '2016-12-13T14:00:00+02:00';

  it('resolves English relative dates against the post time and its offset', () => {
    const d = extractDates('Shelling since yesterday at 5pm', posted);
    assert.equal(d.length, 1);
    assert.equal(d[0].start, '2016-12-12T15:00:00.000Z');
  });

  it('resolves Arabic relative dates', () => {
    const d = extractDates('قصف عنيف أمس الساعة 5 مساء', posted);
    assert.equal(d.length, 1);
    assert.equal(d[0].start.slice(0, 10), '2016-12-12');
  });

  it('finds nothing in a text without dates, and does not take counts for dates', () => {
    assert.deepEqual(extractDates('we are trapped, please help', posted), []);
    assert.deepEqual(extractDates('82 killed', posted), []);
  });
});

describe('extractDates without chrono (common forms)', () => {
  const posted = '2016-12-13T14:00:00+02:00';
  it('reads "N hours ago", "منذ ساعة", clock times and day words in the post\'s time zone', () => {
    assert.deepEqual(extractDates('shelling started 2 hours ago', posted), [
      { text: '2 hours ago', start: '2016-12-13T10:00:00.000Z' },
    ]);
    assert.deepEqual(extractDates('قصف عنيف منذ ساعة', posted), [
      { text: 'منذ ساعة', start: '2016-12-13T11:00:00.000Z' },
    ]);
    assert.deepEqual(extractDates('buses expected tonight at 5 pm', posted), [
      { text: 'tonight at 5 pm', start: '2016-12-13T15:00:00.000Z' },
    ]);
    assert.deepEqual(extractDates('buses expected at 5 pm', posted), [
      { text: 'at 5 pm', start: '2016-12-13T15:00:00.000Z' },
    ]);
    assert.deepEqual(
      extractDates('القصف بدأ الساعة 9 مساء امس', posted).map((d) => d.start),
      ['2016-12-12T19:00:00.000Z'],
    );
  });
});
