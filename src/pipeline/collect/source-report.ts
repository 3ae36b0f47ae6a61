import { liveSourceFor } from '../../sources/live/registry.ts';
import type { Store } from '../../store/contract.ts';
import { type Follow, type HealthState, itemsSince, listFollows, listHealth } from '../../store/queries/live.ts';
import { listPeople } from '../../store/queries/people.ts';

export interface FollowReport {
  key: string;
  platform: string;
  target: string;
  person?: { id: string; name: string };
  auto: boolean;
  /** `never_tried` until the first round has run. */
  state: HealthState | 'never_tried';
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  nextTryAt?: string;
  failures: number;
  itemsLastHour: number;
  itemsLastDay: number;
}

export interface PlatformReport {
  platform: string;
  /** Every follow's state when they all share one; else degraded when any is not ok; else ok. */
  state: HealthState | 'never_tried';
  follows: number;
  byState: Record<string, number>;
  itemsLastHour: number;
  itemsLastDay: number;
}

/** Health of every follow and of each platform, for `vigil sources`, the dashboard and the watchlist. */
export async function sourceReport(
  store: Store,
  now = new Date(),
): Promise<{ follows: FollowReport[]; platforms: PlatformReport[]; streams: FollowReport[] }> {
  const [follows, health, people] = await Promise.all([
    listFollows(store.db),
    listHealth(store.db),
    listPeople(store.db),
  ]);
  const hour = await itemsSince(store.db, new Date(now.getTime() - 3600_000).toISOString());
  const day = await itemsSince(store.db, new Date(now.getTime() - 86_400_000).toISOString());
  const byKey = new Map(health.map((h) => [h.followKey, h]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const reports = follows.map((f: Follow): FollowReport => {
    const h = byKey.get(f.key);
    return {
      key: f.key,
      platform: f.platform,
      target: f.target,
      ...(f.personId ? { person: { id: f.personId, name: names.get(f.personId) ?? f.personId } } : {}),
      auto: f.auto,
      state: h?.state ?? 'never_tried',
      ...(h?.lastSuccessAt ? { lastSuccessAt: h.lastSuccessAt } : {}),
      ...(h?.lastError ? { lastError: h.lastError } : {}),
      ...(h?.lastErrorAt ? { lastErrorAt: h.lastErrorAt } : {}),
      ...(h?.nextTryAt ? { nextTryAt: h.nextTryAt } : {}),
      failures: h?.failures ?? 0,
      itemsLastHour: hour.get(f.key) ?? 0,
      itemsLastDay: day.get(f.key) ?? 0,
    };
  });
  const platforms = new Map<string, PlatformReport>();
  for (const r of reports) {
    if (!liveSourceFor(r.platform)) continue;
    const p = platforms.get(r.platform) ?? {
      platform: r.platform,
      state: 'ok' as const,
      follows: 0,
      byState: {},
      itemsLastHour: 0,
      itemsLastDay: 0,
    };
    p.follows++;
    p.byState[r.state] = (p.byState[r.state] ?? 0) + 1;
    p.itemsLastHour += r.itemsLastHour;
    p.itemsLastDay += r.itemsLastDay;
    platforms.set(r.platform, p);
  }
  for (const p of platforms.values()) {
    const states = Object.keys(p.byState) as PlatformReport['state'][];
    p.state = states.length === 1 ? states[0] : states.some((s) => s !== 'ok') ? 'degraded' : 'ok';
  }
  // Connections that serve many follows at once (Bluesky's Jetstream) have health but no follow row.
  const followed = new Set(follows.map((f) => f.key));
  const streams = health
    .filter((h) => !followed.has(h.followKey))
    .map(
      (h): FollowReport => ({
        key: h.followKey,
        platform: h.followKey.split(':')[0],
        target: h.followKey.split(':').slice(1).join(':'),
        auto: false,
        state: h.state,
        ...(h.lastSuccessAt ? { lastSuccessAt: h.lastSuccessAt } : {}),
        ...(h.lastError ? { lastError: h.lastError } : {}),
        ...(h.lastErrorAt ? { lastErrorAt: h.lastErrorAt } : {}),
        ...(h.nextTryAt ? { nextTryAt: h.nextTryAt } : {}),
        failures: h.failures,
        itemsLastHour: hour.get(h.followKey) ?? 0,
        itemsLastDay: day.get(h.followKey) ?? 0,
      }),
    );
  return { follows: reports, platforms: [...platforms.values()], streams };
}
