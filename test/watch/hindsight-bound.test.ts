import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bestDelayWithin,
  gapPredictability,
  hindsightFrontier,
  longGapsPerMonth,
  spearman,
} from '../../eval/watch/hindsight-bound.ts';
import type { History } from '../../eval/watch/histories.ts';

const H = 3_600_000;
const start = Date.parse('2016-11-01T00:00:00Z');

function history(gapsH: readonly number[]): History {
  const times = [start];
  for (const g of gapsH) times.push(times[times.length - 1] + g * H);
  return { id: 'synthetic', source: 'twitter-archive', times };
}

describe('hindsight bound for threshold rules', () => {
  it('a clockwork poster: no false alarm, and a cut waits on average half a gap', () => {
    // Every 24 h exactly: posts at the same hour, so time-of-day weighting keeps 24 h = 24 h.
    const h = history(new Array(200).fill(24));
    const best = bestDelayWithin(hindsightFrontier(h, 3, 600_000), 1);
    assert.ok(best);
    assert.equal(best.falseAlarmsPerMonth, 0);
    // Threshold = the gap itself; a cut at a uniform offset u waits 24 h - u: median half a median gap.
    assert.ok(Math.abs(best.medianDelay - 0.5) < 0.02, `median delay ${best.medianDelay}`);
  });

  it('rare long breaks force a choice: more alarms or a longer wait', () => {
    // 12 h gaps with a 10-day break every 20 gaps: 20 breaks in about 12.8 months.
    const gaps = Array.from({ length: 400 }, (_, i) => (i % 20 === 19 ? 240 : 12));
    const h = history(gaps);
    const frontier = hindsightFrontier(h, 1000, 600_000);
    const strict = frontier.find((x) => x.p === 0.01);
    const loose = frontier.find((x) => x.p === 0.1);
    assert.ok(strict && loose);
    // Calling every break silent costs ~1.6 alarms a month; waiting them out costs delay inside the breaks.
    assert.ok(loose.falseAlarmsPerMonth > 1.5, `loose FA ${loose.falseAlarmsPerMonth}`);
    assert.equal(strict.falseAlarmsPerMonth, 0);
    assert.ok(strict.medianDelay > loose.medianDelay);
    assert.equal(longGapsPerMonth(h, 600_000, 3, 48).hours, longGapsPerMonth(h, 600_000, 3, 48).k);
  });

  it('spearman is 1 for a monotone relation, -1 reversed, and sees predictable gaps', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 400]), 1);
    assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    // Alternating regimes of short and long gaps: the previous gap predicts the next.
    const gaps = Array.from({ length: 300 }, (_, i) => (Math.floor(i / 25) % 2 ? 30 : 2) + (i % 3));
    const p = gapPredictability(history(gaps), 600_000);
    assert.ok(p.previous > 0.6, `previous ${p.previous}`);
  });
});
