import type { Alert } from '../core/alert.ts';
import { sha256Hex } from '../core/hash.ts';
import { type Note, noteId } from '../core/person.ts';
import type { Board } from './board.ts';
import { type Explanation, outageFacts, personName, wideSilenceFacts } from './explanation.ts';
import { describeTime } from './reason.ts';

/**
 * An alert with its reason as data next to the English words: new alerts carry it in their ledger event,
 * older ones do not (the dashboard then shows their English text).
 */
export type ExplainedAlert = Alert & { explanation?: Explanation };

function alertId(key: string): string {
  return `a-${sha256Hex(key).slice(0, 16)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Evidence numbers a ledger event can hold: NaN (a rhythm not known yet) is left out, not written. */
function finiteOrAbsent(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/** Every alert the board calls for, before de-duplication and rate limits. */
export function candidateAlerts(board: Board): ExplainedAlert[] {
  const out: ExplainedAlert[] = [];
  const at = iso(board.at);
  const inOutage = new Set(board.outages.flatMap((o) => o.people));
  // Everyone silent at once: one alert for the watchlist instead of one per area and per person in it.
  const w = board.wideSilence;
  const inWide = new Set(w?.people ?? []);
  if (w) {
    const key = `watchlist.silent:${w.lastPostAt}`;
    const members = board.rows.filter((r) => inWide.has(r.person.id)).map((r) => r.person);
    out.push({
      id: alertId(key),
      key,
      kind: 'watchlist.silent',
      subject: 'watchlist',
      at,
      title: `Nobody on the watchlist has posted since ${describeTime(w.lastPostAt)}`,
      reason: `${w.reason}. People who were posting just before: ${members.map((p) => p.name).join(', ')}.`,
      people: w.people,
      evidence: {
        lastPostAt: iso(w.lastPostAt),
        usualGapMs: finiteOrAbsent(w.usualGapMs),
        currentGapMs: w.currentGapMs,
        pGap: finiteOrAbsent(w.pGap),
      },
      explanation: { kind: 'wide_silence', wide: wideSilenceFacts(w), members: members.map(personName) },
      links: board.rows
        .filter((r) => inWide.has(r.person.id))
        .flatMap((r) => r.status.lastMessages.slice(0, 1))
        .map((m) => ({ messageId: m.id, at: iso(m.at), platform: m.platform, url: m.url })),
    });
  }
  for (const o of board.outages) {
    if (o.people.some((id) => inWide.has(id))) continue;
    const key = `area.outage:${o.area}:${o.from}`;
    const members = board.rows.filter((r) => o.people.includes(r.person.id)).map((r) => r.person);
    const names = members.map((p) => p.name);
    out.push({
      id: alertId(key),
      key,
      kind: 'area.outage',
      subject: `area:${o.area}`,
      at,
      title: `Likely connectivity loss in ${o.area}`,
      reason: `${o.reason}. People: ${names.join(', ')}.`,
      area: o.area,
      people: o.people,
      evidence: { lastPostAt: iso(o.to), jointP: o.jointP },
      explanation: { kind: 'outage', outage: outageFacts(o), members: members.map(personName) },
      links: board.rows
        .filter((r) => o.people.includes(r.person.id))
        .flatMap((r) => r.status.lastMessages.slice(0, 1))
        .map((m) => ({ messageId: m.id, at: iso(m.at), platform: m.platform, url: m.url })),
    });
  }
  // One alert per platform source and failure state (an expired X token fails every X account at once),
  // naming the accounts and everyone they leave unseen; after a success, a new failure is a new alert.
  const groups = new Map<string, NonNullable<Board['collectionFailures']>>();
  for (const f of board.collectionFailures ?? []) {
    const g = `${f.source.split(':')[0]}:${f.state}`;
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  for (const [g, fs] of groups) {
    const platform = g.split(':')[0];
    const lastSuccess =
      fs
        .map((f) => f.lastSuccessAt ?? '')
        .sort()
        .at(-1) || undefined;
    const key = `collection.failing:${g}:${lastSuccess ?? 'never'}`;
    const people = [...new Set(fs.flatMap((f) => f.people))];
    const members = board.rows.filter((r) => people.includes(r.person.id)).map((r) => r.person);
    const sources = fs.map(({ people: _p, ...source }) => source);
    const accounts = fs.map((f) => f.source);
    out.push({
      id: alertId(key),
      key,
      kind: 'collection.failing',
      subject: `source:${platform}`,
      at,
      title: `Collection failing for ${platform} (${accounts.length === 1 ? accounts[0] : `${accounts.length} accounts`})`,
      reason: `${fs[0].state.replace('_', ' ')}: ${fs[0].error ?? 'no detail'}${lastSuccess ? `; last success ${describeTime(Date.parse(lastSuccess))}` : '; never succeeded'}. Accounts: ${accounts.join(', ')}. Not seen meanwhile: ${members.map((p) => p.name).join(', ')}; their quiet is not counted as silence.`,
      people,
      evidence: {},
      explanation: { kind: 'collection_failing', collection: sources, members: members.map(personName) },
      links: [],
    });
  }
  for (const { person, status: s } of board.rows) {
    const links = s.lastMessages.map((m) => ({ messageId: m.id, at: iso(m.at), platform: m.platform, url: m.url }));
    const j = s.judgement;
    const evidence = j
      ? {
          lastPostAt: iso(j.lastPostAt),
          usualGapMs: finiteOrAbsent(j.usualGapMs),
          currentGapMs: j.currentGapMs,
          pGap: finiteOrAbsent(j.pGap),
        }
      : {};
    const explanation = s.explanation ? { ...s.explanation, person: personName(person) } : undefined;
    if (s.state === 'silent' && !inOutage.has(person.id) && !inWide.has(person.id) && s.lastSeen !== undefined) {
      const key = `person.silent:${person.id}:${s.lastSeen}`;
      out.push({
        id: alertId(key),
        key,
        kind: 'person.silent',
        subject: person.id,
        personId: person.id,
        at,
        title: `${person.name} has gone silent`,
        reason: s.reason,
        evidence,
        explanation,
        links,
      });
    }
    if (s.state === 'farewell' && s.signal) {
      const key = `person.farewell:${person.id}:${s.signal.messageId}`;
      out.push({
        id: alertId(key),
        key,
        kind: 'person.farewell',
        subject: person.id,
        personId: person.id,
        at,
        title: `${person.name} posted a farewell`,
        reason: s.reason,
        evidence,
        explanation,
        links,
      });
    }
  }
  return out;
}

export interface RaisedAlert {
  key: string;
  subject: string;
  at: string;
}

export interface RateLimit {
  /** At most this many alerts per subject ... */
  max: number;
  /** ... within this window. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 3, windowMs: 24 * 3_600_000 };

export interface GateResult<A extends Alert = Alert> {
  raise: A[];
  suppressed: { alert: A; why: 'duplicate' | 'rate-limited' }[];
}

/** Drop alerts already raised (same key) and those over the per-subject rate limit. */
export function gateAlerts<A extends Alert>(
  candidates: readonly A[],
  raised: readonly RaisedAlert[],
  now: number,
  limit: RateLimit = DEFAULT_RATE_LIMIT,
): GateResult<A> {
  const keys = new Set(raised.map((r) => r.key));
  const recent = new Map<string, number>();
  for (const r of raised) {
    if (now - Date.parse(r.at) < limit.windowMs) recent.set(r.subject, (recent.get(r.subject) ?? 0) + 1);
  }
  const out: GateResult<A> = { raise: [], suppressed: [] };
  for (const a of candidates) {
    if (keys.has(a.key)) {
      out.suppressed.push({ alert: a, why: 'duplicate' });
      continue;
    }
    const n = recent.get(a.subject) ?? 0;
    if (n >= limit.max) {
      out.suppressed.push({ alert: a, why: 'rate-limited' });
      continue;
    }
    keys.add(a.key);
    recent.set(a.subject, n + 1);
    out.raise.push(a);
  }
  return out;
}

/** "Gone silent" as a system note with its evidence; it never replaces what a person wrote. */
export function silenceNote(alert: Alert): Note | undefined {
  if (alert.kind !== 'person.silent' || !alert.personId) return undefined;
  const text = `Vigil: no posts since ${alert.evidence.lastPostAt ? describeTime(Date.parse(alert.evidence.lastPostAt)) : 'unknown'}. ${alert.reason}`;
  return {
    id: noteId(alert.personId, alert.at, 'system', text),
    personId: alert.personId,
    text,
    author: 'system',
    at: alert.at,
    evidence: { alertId: alert.id, ...alert.evidence, messages: alert.links.map((l) => l.messageId) },
  };
}
