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
  /**
   * Their last posts fall within this window before the latest of them, widened for each person to
   * `windowMedians` of their own usual gaps (a once-a-day poster's last post may be a day before the cut;
   * someone silent for months is not part of today's outage).
   */
  windowMs: number;
  windowMedians: number;
  /** With nobody silent yet, the product of their gap probabilities must be at most this. */
  maxJointP: number;
  /**
   * A member counts towards the group once P(gap >= current) is at most this ("overdue"), even if not yet
   * quiet: a sporadic poster cut off with everyone else is evidence too. At least `minAbnormal` of the
   * group must be quiet or silent.
   */
  overdueP: number;
  minAbnormal: number;
}

export const DEFAULT_OUTAGE: OutageOptions = {
  minPeople: 3,
  minShare: 0.6,
  windowMs: 12 * 3_600_000,
  windowMedians: 3,
  maxJointP: 0.001,
  overdueP: 0.25,
  minAbnormal: 2,
};

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
    const abnormal = (m: AreaMember) => m.status.liveness === 'quiet' || m.status.liveness === 'silent';
    const candidates = list
      .filter((m) => abnormal(m) || (m.status.judgement?.pGap ?? 1) <= opts.overdueP)
      .sort((a, b) => (a.status.lastSeen ?? 0) - (b.status.lastSeen ?? 0));
    const group = largestGroup(candidates, opts);
    if (group.length < opts.minPeople || group.length / list.length < opts.minShare) continue;
    if (group.filter(abnormal).length < opts.minAbnormal) continue;
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

/** The largest set of members consistent with one outage starting at one member's last post. */
function largestGroup(candidates: readonly AreaMember[], opts: OutageOptions): AreaMember[] {
  let best: AreaMember[] = [];
  for (const start of candidates) {
    const s = start.status.lastSeen ?? 0;
    const group = candidates.filter((m) => {
      const seen = m.status.lastSeen ?? 0;
      const usual = m.status.judgement?.usualGapMs;
      const allow = Math.max(opts.windowMs, Number.isFinite(usual) ? opts.windowMedians * (usual as number) : 0);
      return seen <= s && seen >= s - allow;
    });
    if (group.length > best.length) best = group;
  }
  return best.sort((a, b) => (a.status.lastSeen ?? 0) - (b.status.lastSeen ?? 0));
}
