import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BOARD, evaluateBoard } from '../../src/watch/board.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const CUT = T0 + 6 * DAY_MS + 10 * H;

/** Six people in one area posting about hourly; `cut` ones stop at CUT, the others go on. */
function area(cut: number, total = 6, name = 'Al-Sukkari') {
  return Array.from({ length: total }, (_, i) => {
    const times = jitter(regular(T0 + i * 7 * MIN, CUT + 2 * DAY_MS, H, [0, 6]), 20 * MIN, i + 1);
    return { person: person(`p-00000000000${i}`, name), posts: posts(i < cut ? times.filter((t) => t < CUT) : times) };
  });
}

describe('area outages', () => {
  it('many people in one area silent together: one outage, and each status says so', () => {
    const board = evaluateBoard(area(5), CUT + 8 * H);
    assert.equal(board.outages.length, 1);
    const o = board.outages[0];
    assert.equal(o.area, 'Al-Sukkari');
    assert.equal(o.people.length, 5);
    assert.equal(o.of, 6);
    assert.match(o.reason, /^likely connectivity loss in Al-Sukkari: 5 of 6 watched people there went quiet together/);
    const flagged = board.rows.filter((r) => r.status.outage === 'Al-Sukkari');
    assert.equal(flagged.length, 5);
    for (const r of flagged) assert.match(r.status.reason, /an outage in Al-Sukkari is likely/);
    assert.equal(board.rows[5].status.outage, undefined);
  });

  it('one person silent while the rest of the area posts: no outage', () => {
    const board = evaluateBoard(area(1), CUT + 12 * H);
    assert.equal(board.outages.length, 0);
    assert.equal(board.rows[0].status.state, 'silent');
  });

  it('a minority of the area silent is not an outage (share threshold)', () => {
    const board = evaluateBoard(area(2), CUT + 12 * H);
    assert.equal(board.outages.length, 0);
  });

  it('people in different areas do not add up to an outage', () => {
    const mixed = area(6).map((x, i) => ({ ...x, person: { ...x.person, area: `Area ${i}` } }));
    assert.equal(evaluateBoard(mixed, CUT + 12 * H).outages.length, 0);
  });

  it('right after the cut, before gaps are unusual, no outage yet', () => {
    assert.equal(evaluateBoard(area(6), CUT + 30 * MIN).outages.length, 0);
  });

  describe('the area as one posting stream', () => {
    /** Five sparse posters (every ~20 h, staggered), so no one is overdue alone for a day or more. */
    function sparseArea(cutAll: boolean) {
      return Array.from({ length: 5 }, (_, i) => {
        const times = jitter(regular(T0 + i * 4 * H, CUT + 4 * DAY_MS, 20 * H), 2 * H, i + 11);
        const keep = cutAll || i === 0 ? times.filter((t) => t < CUT) : times;
        return { person: person(`p-00000000010${i}`, 'Bustan al-Qasr'), posts: posts(keep) };
      });
    }

    it('finds an outage when nobody in the area posts, before anyone is overdue alone', () => {
      const at = CUT + 20 * H;
      const board = evaluateBoard(sparseArea(true), at);
      // Alone, nobody is silent yet: a day without posts is ordinary for each of them.
      assert.ok(board.rows.every((r) => r.status.liveness !== 'silent'));
      assert.equal(board.outages.length, 1);
      const o = board.outages[0];
      assert.ok(o.areaGap, 'the area-stream test found it');
      assert.ok(o.people.length >= 3);
      assert.match(
        o.reason,
        /^likely connectivity loss in Bustan al-Qasr: nobody of the 5 watched people there has posted since/,
      );
      assert.ok((o.areaGap?.usualGapMs ?? Infinity) < 20 * H, 'together they post more often than any one of them');
      // The same moment without the area test: not found yet.
      const personOnly = evaluateBoard(sparseArea(true), at, {
        ...DEFAULT_BOARD,
        outage: { ...DEFAULT_BOARD.outage, areaRhythm: false },
      });
      assert.equal(personOnly.outages.length, 0);
    });

    it('stays quiet when the others keep posting', () => {
      for (let h = 3; h <= 72; h += 3) assert.equal(evaluateBoard(sparseArea(false), CUT + h * H).outages.length, 0);
    });
  });
});
