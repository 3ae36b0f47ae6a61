import type { Phase } from './texts.ts';
import { parseTime } from './time.ts';

/**
 * The fixed storyline of the demo: when it starts and ends, and the moments every seed keeps.
 * Seeds change the ordinary posts around these moments, never the moments themselves.
 */
export const PLAN = {
  start: '2016-12-10T00:00:00+02:00',
  end: '2016-12-15T00:00:00+02:00',
  /** Everyone in al-Sukkari loses the network at once, then comes back. */
  outage: { area: 'sukkari', from: '2016-12-12T10:00:00+02:00', to: '2016-12-12T20:00:00+02:00' },
  outageNoticed: { person: 'yousef-tayyar', at: '2016-12-12T15:20:00+02:00' },
  /** Lamis writes that she is going down to the basement, and is never heard from again. */
  silence: { person: 'lamis-haj-ali', lastPostAt: '2016-12-13T09:41:00+02:00' },
  askingAfter: { person: 'salma-idlibi', about: 'lamis-haj-ali', at: '2016-12-14T11:05:00+02:00' },
  /** A goodbye after which the person goes on posting, the way Rami Zien did in December 2016. */
  farewellThenActive: {
    person: 'ahmad-qassem',
    at: '2016-12-12T23:12:00+02:00',
    resumesAt: '2016-12-13T08:05:00+02:00',
  },
  /** A goodbye followed by nothing. */
  farewellFinal: { person: 'fatima-othman', at: '2016-12-14T19:26:00+02:00' },
  aliveAndSafe: { person: 'leila-sayed', at: '2016-12-14T22:38:00+02:00' },
  /** Says the battery is dying and they will be offline, then nothing: an expected silence. */
  goingOffline: { person: 'tarek-maarri', at: '2016-12-14T17:10:00+02:00' },
  /** Stops posting some hours before the end: longer than usual, not yet alarming. */
  quiet: { person: 'nadia-halwani', from: '2016-12-14T14:50:00+02:00' },
  /** The evacuation deal is announced, then collapses. */
  phases: [
    { phase: 'deal', from: '2016-12-13T19:00:00+02:00' },
    { phase: 'collapse', from: '2016-12-14T09:00:00+02:00' },
  ] as { phase: Phase; from: string }[],
} as const;

export function phaseAt(ms: number): Phase {
  let phase: Phase = 'siege';
  for (const p of PLAN.phases) if (ms >= parseTime(p.from)) phase = p.phase;
  return phase;
}

/**
 * Whether the plan forbids `person` (living in `area`) from posting at `ms`: the outage window,
 * after a final silence or farewell, after reaching safety, or the night after the first goodbye.
 */
export function planForbids(person: string, area: string, ms: number): boolean {
  if (area === PLAN.outage.area && ms >= parseTime(PLAN.outage.from) && ms < parseTime(PLAN.outage.to)) return true;
  if (person === PLAN.silence.person && ms >= parseTime(PLAN.silence.lastPostAt)) return true;
  if (person === PLAN.farewellFinal.person && ms >= parseTime(PLAN.farewellFinal.at)) return true;
  if (person === PLAN.aliveAndSafe.person && ms >= parseTime(PLAN.aliveAndSafe.at)) return true;
  if (person === PLAN.goingOffline.person && ms >= parseTime(PLAN.goingOffline.at)) return true;
  if (person === PLAN.quiet.person && ms >= parseTime(PLAN.quiet.from)) return true;
  const f = PLAN.farewellThenActive;
  if (person === f.person && ms >= parseTime(f.at) && ms <= parseTime(f.resumesAt)) return true;
  return false;
}
