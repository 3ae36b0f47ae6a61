import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { DEFAULT_BOARD, evaluateBoard } from '../../src/watch/board.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const CUT = T0 + 6 * DAY_MS + 10 * H;
const AREAS = ['Al-Sukkari', 'Al-Ansari', 'Bustan al-Qasr'];

/** Three areas of three people posting about every 90 min; `stopped(area)` says whose posts end at CUT. */
function watchlist(stopped: (area: string) => boolean) {
  return AREAS.flatMap((area, a) =>
    Array.from({ length: 3 }, (_, i) => {
      const k = a * 3 + i;
      const times = jitter(regular(T0 + k * 9 * MIN, CUT + 2 * DAY_MS, 90 * MIN, [0, 6]), 30 * MIN, k + 3);
      return {
        person: person(`p-0000000002${String(k).padStart(2, '0')}`, area),
        posts: posts(stopped(area) ? times.filter((t) => t < CUT) : times),
      };
    }),
  );
}

describe('everyone on the watchlist silent at once', () => {
  it('one watchlist alert instead of one per area and per person', () => {
    const board = evaluateBoard(
      watchlist(() => true),
      CUT + 10 * H,
    );
    assert.ok(board.wideSilence, 'the combined stream is silent');
    assert.equal(board.wideSilence.people.length, 9);
    assert.equal(board.wideSilence.of, 9);
    assert.ok(board.wideSilence.lastPostAt < CUT);
    assert.match(
      board.wideSilence.reason,
      /^nobody on the watchlist has posted since .*Check that collection is still running/,
    );
    // Area outages are still on the board ...
    assert.ok(board.outages.length >= 1);
    // ... but the alerts are one, about the watchlist.
    const alerts = candidateAlerts(board);
    assert.deepEqual(
      alerts.map((a) => a.kind),
      ['watchlist.silent'],
    );
    const [a] = alerts;
    assert.equal(a.subject, 'watchlist');
    assert.equal(a.people?.length, 9);
    assert.equal(a.links.length, 9);
    assert.equal(a.explanation?.kind, 'wide_silence');
    assert.equal(a.explanation?.wide?.people, 9);
    for (const r of board.rows) {
      assert.match(r.status.reason, /nobody on the watchlist has posted since then either/);
      assert.equal(r.status.explanation?.wide?.of, 9);
    }
  });

  it('one area stopping while the others post is an area outage, not a watchlist silence', () => {
    const board = evaluateBoard(
      watchlist((area) => area === 'Al-Ansari'),
      CUT + 10 * H,
    );
    assert.equal(board.wideSilence, undefined);
    assert.deepEqual(
      board.outages.map((o) => o.area),
      ['Al-Ansari'],
    );
    assert.deepEqual(
      candidateAlerts(board).map((a) => a.kind),
      ['area.outage'],
    );
  });

  it("a watchlist all in one area that stops is that area's outage", () => {
    const oneArea = watchlist(() => true).map((x) => ({ ...x, person: { ...x.person, area: 'Al-Sukkari' } }));
    const board = evaluateBoard(oneArea, CUT + 10 * H);
    assert.equal(board.wideSilence, undefined);
    assert.deepEqual(
      candidateAlerts(board).map((a) => a.kind),
      ['area.outage'],
    );
  });

  it('people with no area are grouped only by this test', () => {
    const noArea = watchlist(() => true).map((x) => ({ ...x, person: { ...x.person, area: undefined } }));
    const board = evaluateBoard(noArea, CUT + 10 * H);
    assert.equal(board.outages.length, 0);
    assert.equal(board.wideSilence?.people.length, 9);
    assert.deepEqual(
      candidateAlerts(board).map((a) => a.kind),
      ['watchlist.silent'],
    );
  });

  it('not right after the last post, and not when the test is off', () => {
    assert.equal(
      evaluateBoard(
        watchlist(() => true),
        CUT + 20 * MIN,
      ).wideSilence,
      undefined,
    );
    const off = evaluateBoard(
      watchlist(() => true),
      CUT + 10 * H,
      {
        ...DEFAULT_BOARD,
        wideSilence: { ...DEFAULT_BOARD.wideSilence, rhythm: false },
      },
    );
    assert.equal(off.wideSilence, undefined);
    // Without it, each area raises its own outage alert.
    assert.ok(candidateAlerts(off).filter((a) => a.kind === 'area.outage').length >= 2);
  });
});
