import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { evaluateBoard, statusJson } from '../../src/watch/board.ts';
import { outageFacts } from '../../src/watch/explanation.ts';
import { personStatus } from '../../src/watch/state.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const history = jitter(regular(T0, T0 + 6 * DAY_MS, H, [0, 6]), 10 * MIN);
const last = history[history.length - 1];
const iso = (ms: number) => new Date(ms).toISOString();

describe('explanations: the reason as kind and numbers', () => {
  it('a silence carries the same numbers as the judgement and the English words', () => {
    const s = personStatus(posts(history), last + 30 * H);
    assert.equal(s.state, 'silent');
    const e = s.explanation;
    assert.ok(e?.rhythm && s.judgement && s.rhythm);
    assert.equal(e.kind, 'silent');
    assert.equal(e.liveness, 'silent');
    assert.equal(e.rhythm.lastPostAt, iso(last));
    assert.equal(e.rhythm.currentGapMs, 30 * H);
    assert.equal(e.rhythm.pGap, s.judgement.pGap);
    assert.equal(e.rhythm.usualGapMs, s.rhythm.medianGapMs);
    assert.equal(e.rhythm.gaps, s.rhythm.gaps);
    assert.equal(e.rhythm.prior, false);
    assert.ok(e.rhythm.pGap < 0.05);
    // The English reason is what it always was.
    assert.match(s.reason, /^silent: last post .*, 30 h ago; usually every/);
  });

  it('few posts: the prior model is flagged', () => {
    const s = personStatus(posts(history.slice(0, 4)), history[3] + 2 * DAY_MS);
    assert.equal(s.explanation?.rhythm?.prior, true);
    assert.equal(s.explanation?.rhythm?.gaps, s.rhythm?.gaps);
  });

  it('nobody has posted yet', () => {
    assert.deepEqual(personStatus([], T0).explanation, { kind: 'no_posts' });
  });

  it('a farewell, then posts: when, and how many since', () => {
    const goodbye = last + H;
    const after = regular(goodbye + 2 * H, goodbye + 48 * H, 90 * MIN);
    const times = [...history, goodbye, ...after];
    const s = personStatus(posts(times, {}, { [history.length]: 'farewell' }), goodbye + 48 * H);
    assert.equal(s.state, 'farewell_then_active');
    assert.equal(s.explanation?.kind, 'farewell_then_active');
    assert.deepEqual(s.explanation?.farewell, { at: iso(goodbye), postsSince: after.length });
    assert.equal(s.explanation?.rhythm?.lastPostAt, iso(after[after.length - 1]));

    const bye = personStatus(posts([...history, goodbye], {}, { [history.length]: 'farewell' }), goodbye + 3 * H);
    assert.equal(bye.explanation?.kind, 'farewell');
    assert.deepEqual(bye.explanation?.farewell, { at: iso(goodbye), postsSince: 0 });

    const silentAgain = personStatus(
      posts([...history, goodbye, goodbye + 3 * H], {}, { [history.length]: 'farewell' }),
      goodbye + 5 * DAY_MS,
    );
    assert.equal(silentAgain.explanation?.kind, 'silent');
    assert.deepEqual(silentAgain.explanation?.farewell, { at: iso(goodbye), postsSince: 1 });
  });

  it('alive and safe: said so, or broke an unusual silence', () => {
    const times = [...history, last + H];
    const safe = personStatus(
      posts(times, { [history.length]: 'We are alive and safe now' }, { [history.length]: 'alive_and_safe' }),
      last + 2 * H,
    );
    assert.deepEqual(safe.explanation?.alive, { at: iso(last + H), why: 'said_safe' });
    const back = last + 2 * DAY_MS;
    const broke = personStatus(
      posts([...history, back], { [history.length]: 'Still alive.' }, { [history.length]: 'alive_and_safe' }),
      back + H,
    );
    assert.equal(broke.explanation?.kind, 'alive_and_safe');
    assert.deepEqual(broke.explanation?.alive, { at: iso(back), why: 'broke_silence' });
  });
});

const CUT = T0 + 6 * DAY_MS + 10 * H;

function people(cutIdx: number[], area = (i: number) => `Area ${i}`) {
  return Array.from({ length: 5 }, (_, i) => {
    const times = jitter(regular(T0 + i * 5 * MIN, CUT + 3 * DAY_MS, H, [0, 6]), 20 * MIN, i + 3);
    const p = { ...person(`p-0000000000a${i}`, area(i)), nameAr: i === 0 ? 'سلمى' : undefined };
    return { person: p, posts: posts(cutIdx.includes(i) ? times.filter((t) => t < CUT) : times) };
  });
}

describe('explanations on the board and on alerts', () => {
  it('an outage is added to each member’s explanation, and the area alert names its people', () => {
    const board = evaluateBoard(
      people([0, 1, 2, 3], () => 'al-Mashhad'),
      CUT + 20 * H,
    );
    const o = board.outages[0];
    const member = board.rows.find((r) => r.status.outage);
    assert.deepEqual(member?.status.explanation?.outage, {
      area: 'al-Mashhad',
      people: 4,
      of: 5,
      from: iso(o.from),
      to: iso(o.to),
      jointP: o.jointP,
    });
    assert.deepEqual(member && statusJson(member).explanation, member?.status.explanation);
    const [a] = candidateAlerts(board);
    assert.equal(a.kind, 'area.outage');
    assert.equal(a.explanation?.kind, 'outage');
    assert.equal(a.explanation?.outage?.people, 4);
    assert.deepEqual(
      a.explanation?.members?.map((m) => m.nameAr ?? m.name),
      ['سلمى', 'Person p-0000000000a1', 'Person p-0000000000a2', 'Person p-0000000000a3'],
    );
  });

  it('a silence alert carries the person’s explanation and name, and is canonical JSON', () => {
    const board = evaluateBoard(people([0]), CUT + 20 * H);
    const [a] = candidateAlerts(board);
    assert.equal(a.kind, 'person.silent');
    assert.equal(a.explanation?.kind, 'silent');
    assert.deepEqual(a.explanation?.person, { id: 'p-0000000000a0', name: 'Person p-0000000000a0', nameAr: 'سلمى' });
    assert.equal(a.explanation?.rhythm?.pGap, a.evidence.pGap);
    assert.equal(a.title, 'Person p-0000000000a0 has gone silent');
    assert.doesNotThrow(() => canonicalJson({ alert: a }));
  });

  it('a farewell from someone with a single post: a prior rhythm, flagged, and canonical JSON', () => {
    const board = evaluateBoard(
      [{ person: person('p-0000000000b0'), posts: posts([T0], {}, { 0: 'farewell' }) }],
      T0 + 2 * H,
    );
    const [a] = candidateAlerts(board);
    assert.equal(a.kind, 'person.farewell');
    assert.doesNotThrow(() => canonicalJson({ alert: a }));
    assert.deepEqual(a.explanation?.farewell, { at: iso(T0), postsSince: 0 });
    assert.equal(a.explanation?.rhythm?.gaps, 0);
    assert.equal(a.explanation?.rhythm?.prior, true);
  });
});

describe('explanations of outages found from the area as one stream', () => {
  it('carry the area’s own gap', () => {
    const facts = outageFacts({
      area: 'al-Sukkari',
      people: ['p-1', 'p-2', 'p-3'],
      from: T0,
      to: T0 + H,
      of: 5,
      jointP: 0.01,
      areaGap: { lastPostAt: T0 + H, currentGapMs: 3 * H, usualGapMs: Number.NaN, pGap: 0.002 },
      reason: 'likely connectivity loss in al-Sukkari: nobody …',
    });
    assert.deepEqual(facts.areaGap, { lastPostAt: iso(T0 + H), currentGapMs: 3 * H, usualGapMs: null, pGap: 0.002 });
    assert.doesNotThrow(() => canonicalJson(facts));
  });
});
