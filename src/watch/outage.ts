import { describeDuration, describeOdds, describeTime } from './reason.ts';
import { DEFAULT_RHYTHM, judge, learnRhythm, type RhythmOptions } from './rhythm.ts';
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
  /**
   * The area as one poster: everyone's posts together have a rhythm of their own, much faster than any
   * one person's. When that combined stream goes silent under its own rhythm, nobody in the area has
   * posted for an unusually long time: an outage, found long before each member is overdue alone.
   * It needs every member's post times (`AreaMember.times`); without them only the per-person test runs.
   */
  areaRhythm: RhythmOptions | false;
}

export const DEFAULT_OUTAGE: OutageOptions = {
  minPeople: 3,
  minShare: 0.6,
  windowMs: 12 * 3_600_000,
  windowMedians: 3,
  maxJointP: 0.001,
  overdueP: 0.25,
  minAbnormal: 2,
  areaRhythm: DEFAULT_RHYTHM,
};

export interface AreaMember {
  personId: string;
  area?: string;
  status: PersonStatus;
  /** Their post times up to the moment judged (any order); lets the area be judged as one stream. */
  times?: readonly number[];
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
  /** Set when the area's combined posting stream is itself silent: nobody there has posted for this long. */
  areaGap?: { lastPostAt: number; currentGapMs: number; usualGapMs: number; pGap: number };
  reason: string;
}

export function detectOutages(
  members: readonly AreaMember[],
  opts: OutageOptions = DEFAULT_OUTAGE,
  at?: number,
): AreaOutage[] {
  const byArea = new Map<string, AreaMember[]>();
  for (const m of members) {
    if (!m.area || m.status.lastSeen === undefined) continue;
    const list = byArea.get(m.area) ?? [];
    list.push(m);
    byArea.set(m.area, list);
  }
  const out: AreaOutage[] = [];
  for (const [area, list] of byArea) {
    const found = personByPerson(area, list, opts) ?? areaAsOneStream(area, list, opts, at);
    if (found) out.push(found);
  }
  return out;
}

/** Enough of the area unusually quiet at once, each judged against their own rhythm. */
function personByPerson(area: string, list: readonly AreaMember[], opts: OutageOptions): AreaOutage | undefined {
  const abnormal = (m: AreaMember) => m.status.liveness === 'quiet' || m.status.liveness === 'silent';
  const candidates = list
    .filter((m) => abnormal(m) || (m.status.judgement?.pGap ?? 1) <= opts.overdueP)
    .sort((a, b) => (a.status.lastSeen ?? 0) - (b.status.lastSeen ?? 0));
  const group = largestGroup(candidates, opts);
  if (group.length < opts.minPeople || group.length / list.length < opts.minShare) return undefined;
  if (group.filter(abnormal).length < opts.minAbnormal) return undefined;
  const jointP = group.reduce((p, m) => p * (m.status.judgement?.pGap ?? 1), 1);
  const anySilent = group.some((m) => m.status.liveness === 'silent');
  if (!anySilent && jointP > opts.maxJointP) return undefined;
  return outage(area, group, list.length, jointP);
}

/** Nobody in the area has posted for a gap the area's combined stream almost never has. */
function areaAsOneStream(
  area: string,
  list: readonly AreaMember[],
  opts: OutageOptions,
  at: number | undefined,
): AreaOutage | undefined {
  if (!opts.areaRhythm || at === undefined || list.some((m) => m.times === undefined)) return undefined;
  const times = list.flatMap((m) => (m.times ?? []).filter((t) => t <= at));
  if (times.length === 0) return undefined;
  const rhythm = learnRhythm(times, opts.areaRhythm);
  const last = Math.max(...times);
  const j = judge(rhythm, last, at);
  if (j.liveness !== 'silent') return undefined;
  // Who went quiet with it: members whose last post falls in the outage window before the area's last post.
  const group = list
    .filter((m) => groupWindowHolds(m, last, opts))
    .sort((a, b) => (a.status.lastSeen ?? 0) - (b.status.lastSeen ?? 0));
  // No share test here: nobody in the area has posted, so no majority is still online. Members already long
  // silent before it are not counted as part of it (they are not evidence either way).
  if (group.length < opts.minPeople) return undefined;
  const jointP = group.reduce((p, m) => p * (m.status.judgement?.pGap ?? 1), 1);
  return {
    ...outage(area, group, list.length, jointP),
    areaGap: { lastPostAt: last, currentGapMs: j.currentGapMs, usualGapMs: j.usualGapMs, pGap: j.pGap },
    reason:
      `likely connectivity loss in ${area}: nobody of the ${list.length} watched people there has posted since ${describeTime(last)}; ` +
      `together they usually post every ${describeDuration(j.usualGapMs)}, and a pause this long is ${describeOdds(j.pGap)} for them as a group ` +
      `(${group.length} of them went quiet together)`,
  };
}

function groupWindowHolds(m: AreaMember, last: number, opts: OutageOptions): boolean {
  const seen = m.status.lastSeen ?? 0;
  const usual = m.status.judgement?.usualGapMs;
  const allow = Math.max(opts.windowMs, Number.isFinite(usual) ? opts.windowMedians * (usual as number) : 0);
  return seen >= last - allow;
}

function outage(area: string, group: readonly AreaMember[], of: number, jointP: number): AreaOutage {
  const from = group[0].status.lastSeen ?? 0;
  const to = group[group.length - 1].status.lastSeen ?? 0;
  return {
    area,
    people: group.map((m) => m.personId),
    from,
    to,
    of,
    jointP,
    reason:
      `likely connectivity loss in ${area}: ${group.length} of ${of} watched people there went quiet together ` +
      `(last posts between ${describeTime(from)} and ${describeTime(to)}); ` +
      `chance of all these gaps at once by coincidence: ${describeOdds(jointP)}`,
  };
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
