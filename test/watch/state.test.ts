import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personStatus } from '../../src/watch/state.ts';
import { DAY_MS } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, posts, regular, T0 } from './helpers.ts';

const history = jitter(regular(T0, T0 + 6 * DAY_MS, H, [0, 6]), 10 * MIN);
const last = history[history.length - 1];

describe('person state', () => {
  it('active, then quiet, then silent as the gap grows; reason has the numbers', () => {
    // Cut at noon, so the gap runs through the day, when they usually post.
    const noon = history.filter((t) => t <= T0 + 5 * DAY_MS + 12 * H);
    const p = posts(noon);
    const last = noon[noon.length - 1];
    assert.equal(personStatus(p, last + 20 * MIN).state, 'active');
    const quiet = personStatus(p, last + 150 * MIN);
    assert.equal(quiet.state, 'quiet');
    const silent = personStatus(p, last + 30 * H);
    assert.equal(silent.state, 'silent');
    assert.match(
      silent.reason,
      /last post 2016-12-0\d \d\d:\d\d UTC, 30 h ago; usually every \d+ min \(median of \d+ gaps\); chance of a gap this long for them: 1 in \d+/,
    );
    assert.equal(silent.lastMessages.length, 3);
    assert.equal(silent.lastMessages[0].at, last);
    assert.ok(silent.since !== undefined && silent.since > last && silent.since <= last + 30 * H);
  });

  it('active since the first post after their last silence', () => {
    const before = history.filter((t) => t < T0 + 3 * DAY_MS);
    const back = history.filter((t) => t >= T0 + 5 * DAY_MS);
    const s = personStatus(posts([...before, ...back]), back[back.length - 1] + 10 * MIN);
    assert.equal(s.state, 'active');
    assert.equal(s.since, back[0]);
  });

  it('ignores posts after the evaluation moment (replay with --at)', () => {
    const p = posts(history);
    const mid = history[40];
    assert.equal(personStatus(p, mid + MIN).lastSeen, mid);
  });

  it('farewell, with nothing since', () => {
    const times = [...history, last + 2 * H];
    const s = personStatus(posts(times, {}, { [times.length - 1]: 'farewell' }), last + 4 * H);
    assert.equal(s.state, 'farewell');
    assert.equal(s.since, last + 2 * H);
  });

  it('Rami Zien: a farewell, then 48 hours more of tweets, is farewell_then_active', () => {
    const goodbye = last + H;
    const after = regular(goodbye + 2 * H, goodbye + 48 * H, 90 * MIN);
    const times = [...history, goodbye, goodbye + 5 * MIN, ...after];
    const p = posts(
      times,
      { [history.length]: 'This may be my last message. Goodbye, pray for us' },
      { [history.length + 1]: 'farewell' },
    );
    const s = personStatus(p, goodbye + 48 * H);
    assert.equal(s.state, 'farewell_then_active');
    assert.equal(s.since, goodbye + 2 * H);
    assert.match(s.reason, /posted a farewell .* then \d+ posts since/);
  });

  it('a week after the farewell, steady activity is just active again', () => {
    const goodbye = last + H;
    const after = regular(goodbye + 2 * H, goodbye + 9 * DAY_MS, 90 * MIN);
    const s = personStatus(
      posts([...history, goodbye, ...after], {}, { [history.length]: 'farewell' }),
      goodbye + 9 * DAY_MS,
    );
    assert.equal(s.state, 'active');
  });

  it('a thread of farewell posts right after the farewell is still a farewell (grace period)', () => {
    const goodbye = last + H;
    const s = personStatus(
      posts([...history, goodbye, goodbye + 10 * MIN], {}, { [history.length]: 'farewell' }),
      goodbye + 3 * H,
    );
    assert.equal(s.state, 'farewell');
  });

  it('silent again after farewell-then-active is silent', () => {
    const goodbye = last + H;
    const times = [...history, goodbye, goodbye + 3 * H];
    const s = personStatus(posts(times, {}, { [history.length]: 'farewell' }), goodbye + 5 * DAY_MS);
    assert.equal(s.state, 'silent');
    assert.match(s.reason, /after a farewell/);
  });

  it('alive_and_safe when they say they are safe; routine "still alive" is ordinary activity', () => {
    const times = [...history, last + H];
    const safe = personStatus(
      posts(
        times,
        { [history.length]: 'We are alive and safe, we reached a safer shelter' },
        { [history.length]: 'alive_and_safe' },
      ),
      last + 2 * H,
    );
    assert.equal(safe.state, 'alive_and_safe');
    const routine = personStatus(
      posts(times, { [history.length]: 'Still alive. Long night.' }, { [history.length]: 'alive_and_safe' }),
      last + 2 * H,
    );
    assert.equal(routine.state, 'active');
  });

  it('"we are fine so far", "another night survived" are the routine update, not a safety headline', () => {
    const times = [...history, last + H];
    for (const text of [
      'الحمد لله، نحن بخير حتى الآن',
      'ما زلنا أحياء. ليلة طويلة من القصف لكننا جميعاً بخير',
      'Morning from here. We survived another night.',
    ]) {
      const s = personStatus(
        posts(times, { [history.length]: text }, { [history.length]: 'alive_and_safe' }),
        last + 2 * H,
      );
      assert.equal(s.state, 'active', text);
    }
    const fine = personStatus(
      posts(times, { [history.length]: 'انا بخير، طمنوا أهلي' }, { [history.length]: 'alive_and_safe' }),
      last + 2 * H,
    );
    assert.equal(fine.state, 'alive_and_safe');
  });

  it('the model\'s alive_and_safe with "we moved to a safer basement, all of us are fine" is alive_and_safe', () => {
    const times = [...history, last + H];
    const s = personStatus(
      posts(
        times,
        { [history.length]: 'We are alive, we moved to a safer basement, all of us are fine' },
        { [history.length]: 'alive_and_safe' },
      ),
      last + 2 * H,
    );
    assert.equal(s.state, 'alive_and_safe');
    assert.match(s.reason, /said they are safe/);
  });

  it('going offline, then nothing: offline_announced, not silent, and the reason says when', () => {
    const notice = last + H;
    const p = posts(
      [...history, notice],
      { [history.length]: 'Battery at 3%, no power anywhere. We will be gone for a while.' },
      { [history.length]: 'going_offline' },
    );
    const s = personStatus(p, notice + 30 * H);
    assert.equal(s.state, 'offline_announced');
    assert.equal(s.liveness, 'silent');
    assert.equal(s.since, notice);
    assert.match(s.reason, /^announced going offline at 2016-12-\d\d \d\d:\d\d UTC; a silence is expected/);
    assert.equal(s.explanation?.kind, 'offline_announced');
    assert.equal(s.explanation?.offline?.at, new Date(notice).toISOString());
  });

  it('long past the notice, the silence is reported again, and its reason recalls the notice', () => {
    const notice = last + H;
    const p = posts([...history, notice], {}, { [history.length]: 'going_offline' });
    const s = personStatus(p, notice + 5 * DAY_MS);
    assert.equal(s.state, 'silent');
    assert.match(s.reason, /\(they had announced going offline at 2016-12-\d\d \d\d:\d\d UTC\)$/);
    assert.ok(s.explanation?.offline);
  });

  it('after a farewell, a later "we are safe" or "going offline" is the headline', () => {
    const goodbye = last + H;
    const safe = personStatus(
      posts(
        [...history, goodbye, goodbye + 5 * H],
        { [history.length + 1]: 'We reached a safer place, all of us are fine' },
        { [history.length]: 'farewell', [history.length + 1]: 'alive_and_safe' },
      ),
      goodbye + 6 * H,
    );
    assert.equal(safe.state, 'alive_and_safe');
    const off = personStatus(
      posts(
        [...history, goodbye, goodbye + 5 * H],
        {},
        { [history.length]: 'farewell', [history.length + 1]: 'going_offline' },
      ),
      goodbye + 20 * H,
    );
    assert.equal(off.state, 'offline_announced');
  });

  it('a farewell, posts after it, then an unusual gap: quiet, with the farewell in the reason', () => {
    const goodbye = last + H;
    const after = regular(goodbye + 2 * H, goodbye + 12 * H, H);
    const p = posts([...history, goodbye, ...after], {}, { [history.length]: 'farewell' });
    const s = personStatus(p, after[after.length - 1] + 150 * MIN);
    assert.equal(s.state, 'quiet');
    assert.match(s.reason, /after a farewell/);
  });

  it('posting again after going offline ends the notice', () => {
    const notice = last + H;
    const p = posts([...history, notice, notice + 6 * H], {}, { [history.length]: 'going_offline' });
    assert.equal(personStatus(p, notice + 6 * H + 10 * MIN).state, 'active');
  });

  it('a message with analysis is judged by its category only: the keyword fallback never overrides the model', () => {
    const times = [...history, last + H];
    const p = posts(
      times,
      { [history.length]: 'Goodbye to the old school building, demolished today' },
      {
        [history.length]: 'infrastructure_damage',
      },
    );
    assert.equal(personStatus(p, last + 2 * H).state, 'active');
  });

  it("a repost of someone else's farewell or safety message is activity, not their own signal", () => {
    const times = [...history, last + H, last + 2 * H];
    const p = posts(
      times,
      { [history.length]: 'RT @leila: We are alive and safe.', [history.length + 1]: 'Goodbye, forgive us' },
      { [history.length]: 'alive_and_safe', [history.length + 1]: 'farewell' },
    );
    p[history.length + 1].repost = true;
    const s = personStatus(p, last + 3 * H);
    assert.equal(s.state, 'active');
    assert.equal(s.lastSeen, last + 2 * H);
  });

  it('"still alive" after an unusual silence is alive_and_safe', () => {
    const back = last + 2 * DAY_MS;
    const s = personStatus(
      posts(
        [...history, back],
        { [history.length]: 'Still alive. The internet was cut.' },
        { [history.length]: 'alive_and_safe' },
      ),
      back + H,
    );
    assert.equal(s.state, 'alive_and_safe');
    assert.match(s.reason, /broke an unusual silence/);
  });

  it('uses the text fallback only when no triage category exists', () => {
    const times = [...history, last + H];
    const p = posts(times, { [history.length]: 'Goodbye, forgive us' });
    assert.equal(personStatus(p, last + 2 * H).state, 'farewell');
    p[p.length - 1].category = 'other_relevant';
    assert.notEqual(personStatus(p, last + 2 * H).state, 'farewell');
  });

  it('no posts at all', () => {
    const s = personStatus([], T0);
    assert.equal(s.state, 'no_posts_yet', 'not quiet: nothing is known of their rhythm');
    assert.equal(s.liveness, 'unknown');
    assert.equal(s.lastSeen, undefined);
  });
});
