import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alert } from '../../src/core/alert.ts';
import { candidateAlerts, gateAlerts, silenceNote } from '../../src/watch/alerts.ts';
import { DEFAULT_BOARD, evaluateBoard } from '../../src/watch/board.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const CUT = T0 + 6 * DAY_MS + 10 * H;

function people(cutIdx: number[], area = (i: number) => `Area ${i}`) {
  return Array.from({ length: 5 }, (_, i) => {
    const times = jitter(regular(T0 + i * 5 * MIN, CUT + 3 * DAY_MS, H, [0, 6]), 20 * MIN, i + 3);
    return {
      person: person(`p-0000000000a${i}`, area(i)),
      posts: posts(cutIdx.includes(i) ? times.filter((t) => t < CUT) : times),
    };
  });
}

describe('alerts', () => {
  it('a silent person gets an alert with the reason in words and numbers and links to last messages', () => {
    const board = evaluateBoard(people([0]), CUT + 20 * H);
    const [a, ...rest] = candidateAlerts(board);
    assert.equal(rest.length, 0);
    Alert.parse(a);
    assert.equal(a.kind, 'person.silent');
    assert.equal(a.personId, 'p-0000000000a0');
    assert.match(a.title, /has gone silent/);
    assert.ok(
      a.evidence.lastPostAt && a.evidence.usualGapMs && a.evidence.currentGapMs && a.evidence.pGap !== undefined,
    );
    assert.ok(a.evidence.currentGapMs > 20 * H);
    assert.ok(a.evidence.pGap < 0.05);
    assert.equal(a.links.length, 3);
    assert.match(a.reason, /usually every/);
  });

  it('no silence alert while an announced offline period runs; past it, the alert text recalls the notice', () => {
    const ppl = people([0]);
    const last = ppl[0].posts[ppl[0].posts.length - 1];
    last.category = 'going_offline';
    assert.equal(candidateAlerts(evaluateBoard(ppl, CUT + 20 * H)).length, 0);
    const shortNotice = { ...DEFAULT_BOARD, state: { ...DEFAULT_BOARD.state, offlineHorizonMs: 10 * H } };
    const [a] = candidateAlerts(evaluateBoard(ppl, CUT + 20 * H, shortNotice));
    assert.equal(a.kind, 'person.silent');
    assert.match(a.reason, /they had announced going offline at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(a.explanation?.offline?.at);
  });

  it('an area outage raises one area alert instead of one per person', () => {
    const board = evaluateBoard(
      people([0, 1, 2, 3], () => 'al-Mashhad'),
      CUT + 20 * H,
    );
    const alerts = candidateAlerts(board);
    assert.deepEqual(
      alerts.map((a) => a.kind),
      ['area.outage'],
    );
    assert.equal(alerts[0].title, 'Likely connectivity loss in al-Mashhad');
    assert.equal(alerts[0].people?.length, 4);
    assert.equal(alerts[0].links.length, 4);
  });

  it('de-duplicates the same silence across evaluations and rate-limits per person', () => {
    const b1 = evaluateBoard(people([0]), CUT + 20 * H);
    const b2 = evaluateBoard(people([0]), CUT + 30 * H);
    const first = gateAlerts(candidateAlerts(b1), [], b1.at);
    assert.equal(first.raise.length, 1);
    const raised = first.raise.map((a) => ({ key: a.key, subject: a.subject, at: a.at }));
    const second = gateAlerts(candidateAlerts(b2), raised, b2.at);
    assert.equal(second.raise.length, 0);
    assert.deepEqual(
      second.suppressed.map((s) => s.why),
      ['duplicate'],
    );

    const template = first.raise[0];
    const burst = [1, 2, 3, 4, 5].map((i) => ({ ...template, key: `${template.key}#${i}` }));
    const limited = gateAlerts(burst, [], b1.at, { max: 3, windowMs: DAY_MS });
    assert.equal(limited.raise.length, 3);
    assert.equal(limited.suppressed.filter((s) => s.why === 'rate-limited').length, 2);
    const later = gateAlerts(
      burst,
      limited.raise.map((a) => ({ key: a.key, subject: a.subject, at: a.at })),
      b1.at + 2 * DAY_MS,
      { max: 3, windowMs: DAY_MS },
    );
    assert.equal(later.raise.length, 2, 'the window slides');
  });

  it('a silence alert becomes a system note with its evidence, never a PFIF status', () => {
    const board = evaluateBoard(people([0]), CUT + 20 * H);
    const note = silenceNote(candidateAlerts(board)[0]);
    assert.ok(note);
    assert.equal(note.author, 'system');
    assert.equal(note.status, undefined);
    assert.match(note.text, /^Vigil: no posts since/);
    assert.equal((note.evidence?.messages as string[] | undefined)?.length, 3);
  });
});
