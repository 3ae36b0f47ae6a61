import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom as random } from '../../src/analysis/classify/rng.ts';
import {
  fitGapModel,
  type GapModel,
  gapQuantileForSurvival,
  gapSurvival,
  gapSurvivalAt,
} from '../../src/watch/gap-survival.ts';
import { personStatus } from '../../src/watch/state.ts';
import { DAY_MS, HOUR_MS, utcHourOf } from '../../src/watch/time-of-day.ts';
import { H, jitter, MIN, posts, regular, T0 } from './helpers.ts';

/** gapQuantileForSurvival as it was before gapSurvivalAt: every step through gapSurvival. */
function quantileBefore(model: GapModel, p: number, hour?: number): number {
  let lo = 1;
  let hi = 1;
  while (gapSurvival(model, hi, hour) > p && hi < 1e15) hi *= 2;
  for (let i = 0; i < 80 && hi - lo > 1000; i++) {
    const mid = Math.sqrt(lo * hi);
    if (gapSurvival(model, mid, hour) > p) lo = mid;
    else hi = mid;
  }
  return hi;
}

describe('the survival of a gap asked many times at one hour is the same to the bit', () => {
  it('gapSurvivalAt and gapQuantileForSurvival against gapSurvival, on fitted models', () => {
    const rnd = random(17);
    let empirical = 0;
    for (let m = 0; m < 60; m++) {
      const n = 1 + Math.floor(rnd() * 200);
      const gaps = Array.from({ length: n }, () => (rnd() < 0.1 ? Math.round(rnd() * 10) * 600_000 : rnd() ** 3 * 5e8));
      const hours = Array.from({ length: n }, () => (rnd() < 0.05 ? Number.NaN : rnd() * 24));
      const model = fitGapModel(gaps, undefined, m % 5 === 0 ? undefined : hours);
      if (model.kind === 'empirical') empirical++;
      for (const hour of [undefined, 0, rnd() * 24, 23.99, Number.NaN]) {
        const at = gapSurvivalAt(model, hour);
        const probes = [0, -5, 1, Number.NaN, Number.POSITIVE_INFINITY, ...gaps.slice(0, 20)];
        for (let k = 0; k < 50; k++) probes.push(rnd() ** 2 * 2e9);
        if (model.kind === 'empirical') probes.push(model.tailFrom, model.tailFrom * 3, ...model.sorted.slice(-5));
        for (const g of probes)
          assert.ok(Object.is(at(g), gapSurvival(model, g, hour)), `model ${m}, hour ${hour}, g ${g}`);
        for (const p of [0.5, 0.05, 0.01, 0.002])
          assert.ok(
            Object.is(gapQuantileForSurvival(model, p, hour), quantileBefore(model, p, hour)),
            `model ${m} p ${p}`,
          );
      }
    }
    assert.ok(empirical > 30, 'most models are empirical (the precomputed path)');
  });

  it('utcHourOf(t) is new Date(t).getUTCHours()', () => {
    const rnd = random(5);
    const times = [0, -0, -0.5, 0.5, -1, HOUR_MS - 1, HOUR_MS, -HOUR_MS, DAY_MS - 1, -DAY_MS - 1, 8.64e15, -8.64e15];
    times.push(8.64e15 + 1, -8.64e15 - 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    for (let k = 0; k < 20_000; k++) {
      const t = (rnd() - 0.5) * 2 * (k % 2 ? 8.64e15 : 4e12);
      times.push(t, Math.round(t), Math.floor(t / HOUR_MS) * HOUR_MS - 1);
    }
    // Object.is tells NaN apart from a number; an hour of -0 indexes the same slot as 0.
    const same = (x: number) => (x === 0 ? 0 : x);
    for (const t of times) assert.ok(Object.is(same(utcHourOf(t)), same(new Date(t).getUTCHours())), `t ${t}`);
  });
});

describe('a post read again by a board judged at many instants', () => {
  it('is read anew when its category or text changed since (the life signal is not kept stale)', () => {
    const history = jitter(regular(T0, T0 + 3 * DAY_MS, H, [0, 6]), 10 * MIN);
    const p = posts(history);
    const at = history[history.length - 1] + 10 * MIN;
    assert.equal(personStatus(p, at).signal, undefined);
    const last = p.reduce((a, b) => (b.at > a.at ? b : a));
    last.category = 'farewell';
    assert.equal(personStatus(p, at).signal?.kind, 'farewell');
    last.category = undefined;
    last.text = 'my battery is dying, going offline';
    assert.equal(personStatus(p, at).signal?.kind, 'going_offline');
    last.repost = true;
    assert.equal(personStatus(p, at).signal, undefined);
  });
});
