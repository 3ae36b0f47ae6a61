import { describeOdds, describeTime } from './reason.ts';
import type { PersonStatus } from './state.ts';

/**
 * Many watched people in one area going quiet together points to the network, not to each of them:
 * one area alert instead of one per person.
 */
export interface OutageOptions {
  /** At least this many people in the group. */
  minPeople: number;
  /** And at least this share of the area's watched people who have ever posted. */
  minShare: number;
  /** Their last posts fall within this window of each other. */
  windowMs: number;
  /** With nobody silent yet, the product of their gap probabilities must be at most this. */
  maxJointP: number;
}

export const DEFAULT_OUTAGE: OutageOptions = { minPeople: 3, minShare: 0.6, windowMs: 12 * 3_600_000, maxJointP: 0.001 };

export interface AreaMember {
  personId: string;
  area?: string;
  status: PersonStatus;
}

export interface AreaOutage {
  area: string;
  people: string[];
  /** Earliest and latest last post in the group. */
  from: number;
  to: number;
  /** Watched people in the area who have posted at all. */
  of: number;
  jointP: number;
  reason: string;
}

export function detectOutages(members: readonly AreaMember[], opts: OutageOptions = DEFAULT_OUTAGE): AreaOutage[] {
  const byArea = new Map<string, AreaMember[]>();
  for (const m of members) {
    if (!m.area || m.status.lastSeen === undefined) continue;
    const list = byArea.get(m.area) ?? [];
    list.push(m);
    byArea.set(m.area, list);
  }
  const out: AreaOutage[] = [];
  for (const [area, list] of byArea) {
    const candidates = list
      .filter((m) => m.status.liveness === 'quiet' || m.status.liveness === 'silent')
      .sort((a, b) => (a.status.lastSeen ?? 0) - (b.status.lastSeen ?? 0));
    const group = densestWindow(candidates, opts.windowMs);
    if (group.length < opts.minPeople || group.length / list.length < opts.minShare) continue;
    const jointP = group.reduce((p, m) => p * (m.status.judgement?.pGap ?? 1), 1);
    const anySilent = group.some((m) => m.status.liveness === 'silent');
    if (!anySilent && jointP > opts.maxJointP) continue;
    const from = group[0].status.lastSeen ?? 0;
    const to = group[group.length - 1].status.lastSeen ?? 0;
    out.push({
      area,
      people: group.map((m) => m.personId),
      from,
      to,
      of: list.length,
      jointP,
      reason:
        `likely connectivity loss in ${area}: ${group.length} of ${list.length} watched people there went quiet together ` +
        `(last posts between ${describeTime(from)} and ${describeTime(to)}); ` +
        `chance of all these gaps at once by coincidence: ${describeOdds(jointP)}`,
    });
  }
  return out;
}

/** The largest run of members whose last posts span at most `windowMs` (input sorted by lastSeen). */
function densestWindow(sorted: readonly AreaMember[], windowMs: number): AreaMember[] {
  let best: AreaMember[] = [];
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi].status.lastSeen ?? 0) - (sorted[lo].status.lastSeen ?? 0) > windowMs) lo++;
    if (hi - lo + 1 > best.length) best = sorted.slice(lo, hi + 1);
  }
  return best;
}
