import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fitGapModel, gapQuantileForSurvival, gapSurvival } from '../../src/watch/gap-survival.ts';
import { judge, learnRhythm } from '../../src/watch/rhythm.ts';
import { DAY_MS, effectiveElapsed, hourWeights, wallAfterEffective } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, regular, T0 } from './helpers.ts';

describe('time of day', () => {
  it('weights average 1, so a whole day is always 24 effective hours', () => {
    const w = hourWeights(regular(T0, T0 + 30 * DAY_MS, H, [1, 7]));
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) / 24 - 1) < 1e-9);
    assert.ok(w[3] < 0.3 && w[15] > 1, `night ${w[3]} day ${w[15]}`);
    assert.ok(Math.abs(effectiveElapsed(w, T0 + 5 * H + 17 * MIN, T0 + 5 * H + 17 * MIN + DAY_MS) - DAY_MS) < 1);
  });

  it('wallAfterEffective inverts effectiveElapsed', () => {
    const w = hourWeights(regular(T0, T0 + 10 * DAY_MS, 2 * H, [0, 6]));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * DAY_MS }), fc.integer({ min: 1, max: 5 * DAY_MS }), (start, eff) => {
        const wall = wallAfterEffective(w, T0 + start, eff);
        return Math.abs(effectiveElapsed(w, T0 + start, wall) - eff) < 5;
      }),
    );
  });
});

describe('gap survival', () => {
  it('is non-increasing in the gap, in the body and the power-law tail', () => {
    const model = fitGapModel(jitter(regular(0, 400 * H, H), 50 * MIN).map((t, i, a) => (i ? t - a[i - 1] : H)));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (g, d) => gapSurvival(model, g + d) <= gapSurvival(model, g) + 1e-12,
      ),
    );
    assert.ok(gapSurvival(model, 100 * H) > 0, 'a gap longer than any seen still has a probability');
  });

  it('falls back on a wide log-normal prior with few gaps', () => {
    const m = fitGapModel([2 * H, 3 * H]);
    assert.equal(m.kind, 'prior');
    const q = gapQuantileForSurvival(m, 0.01);
    assert.ok(q > 10 * H, `q99 ${q / H} h`);
  });
});

describe('rhythm and judgement', () => {
  const hourly = jitter(regular(T0, T0 + 20 * DAY_MS, H), 10 * MIN);
  const weekly = jitter(regular(T0 - 300 * DAY_MS, T0 + 20 * DAY_MS, 7 * DAY_MS), 12 * H);

  it('a very regular hourly poster is not silent after 70 minutes (absolute floor)', () => {
    const r = learnRhythm(hourly);
    const last = hourly[hourly.length - 1];
    const j = judge(r, last, last + 70 * MIN);
    assert.notEqual(j.liveness, 'silent');
    assert.ok(j.silentAt - last >= 3 * H);
  });

  it('judges each poster against their own history: 3 days is silent for the hourly poster, not for the weekly one', () => {
    const rh = learnRhythm(hourly);
    const rw = learnRhythm(weekly);
    const lh = hourly[hourly.length - 1];
    const lw = weekly[weekly.length - 1];
    assert.equal(judge(rh, lh, lh + 3 * DAY_MS).liveness, 'silent');
    assert.equal(judge(rw, lw, lw + 3 * DAY_MS).liveness, 'active');
    assert.equal(judge(rw, lw, lw + 40 * DAY_MS).liveness, 'silent');
    assert.ok(judge(rh, lh, lh + 3 * DAY_MS).pGap < 0.01);
  });

  it('someone who never posts 01:00-07:00 UTC is not silent at 04:00 after a 23:00 post, but is after the same gap by day', () => {
    const sleeper = jitter(regular(T0, T0 + 30 * DAY_MS, H, [0, 7]), 10 * MIN);
    const r = learnRhythm(sleeper);
    const night = Date.parse('2016-12-31T23:00:00Z');
    const day = Date.parse('2016-12-31T09:00:00Z');
    const atNight = judge(r, night, night + 5 * H);
    const byDay = judge(r, day, day + 5 * H);
    assert.equal(atNight.liveness, 'active');
    assert.ok(byDay.effectiveGapMs > 3 * atNight.effectiveGapMs);
    assert.ok(byDay.pGap < atNight.pGap);
    assert.notEqual(byDay.liveness, 'active');
  });

  it('reports the usual gap in wall time and sessions, not bursts', () => {
    const bursts = regular(T0, T0 + 10 * DAY_MS, 4 * H).flatMap((t) => [t, t + MIN, t + 2 * MIN]);
    const r = learnRhythm(bursts);
    assert.equal(r.sessions, bursts.length / 3);
    assert.ok(Math.abs(r.medianGapMs - (4 * H - 2 * MIN)) < MIN);
  });
});
