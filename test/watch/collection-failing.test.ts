import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alert } from '../../src/core/alert.ts';
import { candidateAlerts } from '../../src/watch/alerts.ts';
import { evaluateBoard } from '../../src/watch/board.ts';
import type { FollowHealth } from '../../src/watch/collection-health.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, person, posts, regular, T0 } from './helpers.ts';

const CUT = T0 + 6 * DAY_MS + 10 * H;
const AT = CUT + 20 * H;

/** Five people posting hourly; everyone's posts stop at CUT (as when an X token expires). */
function everyoneStops() {
  return Array.from({ length: 5 }, (_, i) => ({
    person: person(`p-0000000000b${i}`, `Area ${i}`),
    posts: posts(jitter(regular(T0 + i * 5 * MIN, CUT, H, [0, 6]), 20 * MIN, i + 3)),
  }));
}

const follow = (handle: string, state: string, extra: Partial<FollowHealth> = {}): FollowHealth => ({
  key: `twitter:${handle}`,
  platform: 'twitter',
  target: handle,
  state,
  lastError: 'twitter: HTTP 401 (credentials missing or refused)',
  lastSuccessAt: new Date(CUT).toISOString(),
  ...extra,
});

describe('watchlist and collection health', () => {
  it('without health, everyone stopping looks like a wide silence (the gap this closes)', () => {
    const board = evaluateBoard(everyoneStops(), AT);
    assert.ok(board.rows.every((r) => r.status.state === 'silent'));
    assert.ok(board.wideSilence);
  });

  it('people whose only source is failing are collection_failing, named; one alert for the source, none per person', () => {
    const people = everyoneStops();
    const follows = people.map((p) => follow(p.person.accounts[0].handle, 'auth_needed', { personId: p.person.id }));
    const board = evaluateBoard(people, AT, undefined, follows);
    for (const r of board.rows) {
      assert.equal(r.status.state, 'collection_failing');
      assert.match(
        r.status.reason,
        new RegExp(`^collection failing for twitter:${r.person.accounts[0].handle} \\(twitter: HTTP 401`),
      );
      assert.equal(r.status.explanation?.kind, 'collection_failing');
    }
    assert.equal(board.wideSilence, undefined);
    assert.deepEqual(board.outages, []);
    const alerts = candidateAlerts(board);
    assert.equal(alerts.length, 1);
    const [a] = alerts;
    Alert.parse(a);
    assert.equal(a.kind, 'collection.failing');
    assert.equal(a.subject, 'source:twitter');
    assert.equal(a.people?.length, 5);
    assert.match(a.title, /^Collection failing for twitter \(5 accounts\)$/);
    assert.match(a.reason, /auth needed: twitter: HTTP 401/);
  });

  it('a person with one healthy source is judged as usual; a farewell is never hidden', () => {
    const people = everyoneStops().slice(0, 2);
    const follows = [
      follow(people[0].person.accounts[0].handle, 'failing', { personId: people[0].person.id }),
      { ...follow('other', 'ok'), personId: people[0].person.id },
      follow(people[1].person.accounts[0].handle, 'failing'),
    ];
    people[1].posts.push({
      ...people[1].posts[0],
      id: 'farewell0000000',
      at: CUT - MIN,
      text: 'goodbye, pray for us, this is my last message',
      category: 'farewell',
    });
    const board = evaluateBoard(people, AT, undefined, follows);
    assert.equal(board.rows[0].status.state, 'silent');
    assert.equal(board.rows[1].status.state, 'farewell');
    const kinds = candidateAlerts(board)
      .map((a) => a.kind)
      .sort();
    assert.deepEqual(kinds, ['collection.failing', 'person.farewell', 'person.silent']);
  });
});
