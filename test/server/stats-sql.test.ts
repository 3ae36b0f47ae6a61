import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Analysis } from '../../src/core/analysis.ts';
import { LABEL_CONFIRMED, MESSAGE_ANALYZED } from '../../src/core/analysis-events.ts';
import type { Category } from '../../src/core/category.ts';
import type { LedgerEventDraft } from '../../src/core/ledger-event.ts';
import { captureBatch } from '../../src/pipeline/capture.ts';
import { messagesPerHour } from '../../src/server/stats/per-hour.ts';
import { casualtyFigures, placeCounts } from '../../src/server/stats/triage-stats.ts';
import type { Store } from '../../src/store/contract.ts';
import { pending, raw } from '../helpers/messages.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory } from '../helpers/stores.ts';
import { bearer, type Harness, harness } from './harness.ts';

const HOUR = 3600_000;

type CasualtyFigure = Analysis['casualties'][number];
type PlaceRef = Analysis['places'][number];

interface Planned {
  postedAt: string;
  analysis?: { category: Category; casualties?: CasualtyFigure[]; places?: PlaceRef[] };
  /** A person's label, appended before the analysis when `labelFirst`. */
  label?: Category;
  labelFirst?: boolean;
  /** 'later': captured, analysed, then captured again as deleted; 'first': deleted when first captured. */
  deleted?: 'later' | 'first';
}

const A = { name: 'Place A', lat: 36.5, lon: 37.5 };
const B = { name: 'Place B', lat: 35.1, lon: 36.1 };

// Hours (UTC) 2016-12-13: 06 has three live messages, 07 one, 08 none, 09 three, 10 one; 12 only a deleted one.
const PLAN: Record<string, Planned> = {
  '1': { postedAt: '2016-12-12T20:15:00Z', analysis: { category: 'request_for_help', places: [aleppoPlace()] } },
  '2': {
    postedAt: '2016-12-13T08:10:00+02:00',
    analysis: {
      category: 'injured_or_dead',
      casualties: [{ kind: 'killed', count: 3, group: 'children' }],
      places: [A],
    },
  },
  '3': { postedAt: '2016-12-13T06:50:00Z', analysis: { category: 'infrastructure_damage', places: [A, B] } },
  '4': {
    postedAt: '2016-12-13T07:05:30Z',
    analysis: { category: 'not_relevant', casualties: [{ kind: 'injured', count: 2 }] },
    label: 'request_for_help',
  },
  '5': {
    postedAt: '2016-12-13T09:00:00Z',
    analysis: {
      category: 'injured_or_dead',
      casualties: [
        { kind: 'killed', count: 5, group: 'civilians' },
        { kind: 'missing', count: 1 },
      ],
      places: [B],
    },
  },
  '6': {
    postedAt: '2016-12-13T09:59:59Z',
    analysis: { category: 'request_for_help' },
    label: 'alive_and_safe',
    labelFirst: true,
  },
  '7': {
    postedAt: '2016-12-13T12:30:00+02:00',
    analysis: { category: 'farewell', places: [{ name: 'Place C', lat: 33, lon: 36 }] },
  },
  '8': {
    postedAt: '2016-12-13T12:20:00Z',
    analysis: {
      category: 'injured_or_dead',
      casualties: [{ kind: 'killed', count: 100 }],
      places: [
        { name: 'Place A', lat: 30, lon: 30 },
        { name: 'Place D', lat: 34, lon: 35 },
      ],
    },
    deleted: 'later',
  },
  '9': {
    postedAt: '2016-12-13T07:40:00Z',
    analysis: {
      category: 'farewell',
      casualties: [{ kind: 'killed', count: 9 }],
      places: [{ name: 'Place B', lat: 20, lon: 20 }],
    },
    deleted: 'first',
  },
  '10': { postedAt: '2016-12-13T09:20:00Z' },
  '11': { postedAt: '2016-12-13T06:20:00Z' },
};

function aleppoPlace(): PlaceRef {
  return { name: 'Al-Sukkari', lat: 36.18, lon: 37.16 };
}

function analysis(a: NonNullable<Planned['analysis']>): Analysis {
  return {
    language: 'en',
    category: a.category,
    confidence: 0.9,
    flags: { eyewitness: false, urgency: 0.5 },
    casualties: a.casualties ?? [],
    places: a.places ?? [],
    dates: [],
    modelVersion: 'test',
  };
}

async function build(store: Store): Promise<void> {
  const capture = (ids: string[], deleted: boolean) =>
    captureBatch(
      store,
      ids.map((id, i) => pending(raw(id, `message ${id}`, { postedAt: PLAN[id].postedAt, deleted }), i + 1)),
      { actor: 'test', capturedAt: '2016-12-14T00:00:00.000Z', stages: [] },
    );
  const ids = Object.keys(PLAN);
  await capture(
    ids.filter((id) => PLAN[id].deleted !== 'first'),
    false,
  );
  await capture(
    ids.filter((id) => PLAN[id].deleted === 'first'),
    true,
  );
  const rows = await store.db.selectFrom('messages').select(['id', 'native_id', 'content_hash']).execute();
  const events: LedgerEventDraft[] = [];
  for (const r of rows) {
    const p = PLAN[r.native_id];
    const label: LedgerEventDraft | undefined = p.label
      ? {
          kind: LABEL_CONFIRMED,
          at: '2016-12-14T01:00:00.000Z',
          actor: 'desk',
          payload: { messageId: r.id, category: p.label },
        }
      : undefined;
    if (label && p.labelFirst) events.push(label);
    if (p.analysis)
      events.push({
        kind: MESSAGE_ANALYZED,
        at: '2016-12-14T00:00:00.000Z',
        actor: 'system',
        payload: { messageId: r.id, contentHash: r.content_hash, analysis: analysis(p.analysis) },
      });
    if (label && !p.labelFirst) events.push(label);
  }
  await store.append(events);
  await capture(
    ids.filter((id) => PLAN[id].deleted === 'later'),
    true,
  );
}

/** The rows as they are, and the three parts computed from them the plain way. */
async function reference(store: Store) {
  const messages = await store.db
    .selectFrom('messages')
    .select(['id', 'posted_at', 'deleted', 'platform', 'author_handle', 'author_id', 'rowkey'])
    .execute();
  const live = messages.filter((m) => Number(m.deleted) === 0);
  const analyses = await store.db.selectFrom('analyses').select(['message_id', 'category', 'analysis']).execute();
  const category = new Map(analyses.map((a) => [a.message_id, a.category]));
  const liveIds = new Set(live.map((m) => m.id));

  const perHour = (hours: number) => {
    const times = live.map((m) => Date.parse(m.posted_at));
    const end = Math.floor(Math.max(...times) / HOUR) * HOUR + HOUR;
    const first = Math.floor(Math.min(...times) / HOUR) * HOUR;
    const n = Math.max(1, Math.min(hours, Math.round((end - first) / HOUR)));
    const start = end - n * HOUR;
    const series: Record<string, number[]> = { all: new Array(n).fill(0) };
    for (const m of live) {
      const i = Math.floor((Date.parse(m.posted_at) - start) / HOUR);
      if (i < 0 || i >= n) continue;
      series.all[i] += 1;
      const c = category.get(m.id);
      if (c) {
        series[c] ??= new Array(n).fill(0);
        series[c][i] += 1;
      }
    }
    return { hours: Array.from({ length: n }, (_, i) => new Date(start + i * HOUR).toISOString()), series };
  };

  const casualties = (limit: number) =>
    live
      .filter((m) => analyses.some((a) => a.message_id === m.id && JSON.parse(a.analysis).casualties.length > 0))
      .sort((x, y) => Number(y.rowkey) - Number(x.rowkey))
      .slice(0, limit)
      .flatMap((m) => {
        const a = JSON.parse(analyses.find((r) => r.message_id === m.id)!.analysis) as Analysis;
        return a.casualties.map((c) => ({
          messageId: m.id,
          postedAt: m.posted_at,
          kind: c.kind,
          count: c.count,
          group: c.group,
          source: `${m.platform}:@${(m.author_handle ?? m.author_id).replace(/^@/, '')}`,
        }));
      });

  const places = async (limit: number) => {
    const rows = (
      await store.db.selectFrom('message_places').select(['message_id', 'place', 'lat', 'lon']).execute()
    ).filter((r) => liveIds.has(r.message_id));
    const by = new Map<string, { name: string; lat: number; lon: number; count: number }>();
    for (const r of rows) {
      const p = by.get(r.place) ?? { name: r.place, lat: Number(r.lat), lon: Number(r.lon), count: 0 };
      p.lat = Math.min(p.lat, Number(r.lat));
      p.lon = Math.min(p.lon, Number(r.lon));
      p.count += 1;
      by.set(r.place, p);
    }
    return [...by.values()]
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, limit);
  };

  return { messages, perHour, casualties, places };
}

function suite(name: string, factory: StoreFactory) {
  describe(`GET /api/stats, counted in SQL: ${name}`, () => {
    let h: Harness;
    let ref: Awaited<ReturnType<typeof reference>>;
    before(async () => {
      h = await harness({ factory });
      await build(h.store);
      ref = await reference(h.store);
    });
    after(async () => h?.close());

    it('the store holds what the plan says: 11 messages, 2 deleted, 9 analysed, 2 labels', async () => {
      assert.equal(ref.messages.length, 11);
      assert.equal(ref.messages.filter((m) => Number(m.deleted) === 1).length, 2);
      const count = async (t: 'analyses' | 'labels') =>
        (await h.store.db.selectFrom(t).select('message_id').execute()).length;
      assert.equal(await count('analyses'), 9);
      assert.equal(await count('labels'), 2);
    });

    it('messages per hour equal a count over the rows, in every window', async () => {
      for (const hours of [1, 2, 3, 5, 6, 7, 14, 15, 16, 168, 24 * 60])
        assert.deepEqual(await messagesPerHour(h, hours), ref.perHour(hours), `hours=${hours}`);
    });

    it('per hour: deleted messages, empty hours, no analysis and labels as they should be', async () => {
      const p = await messagesPerHour(h, 6);
      // The newest live message (10:30 UTC) ends the window, not the deleted one at 12:20.
      assert.equal(p.hours[0], '2016-12-13T05:00:00.000Z');
      assert.equal(p.hours.length, 6);
      assert.deepEqual(p.series, {
        all: [0, 3, 1, 0, 3, 1],
        injured_or_dead: [0, 1, 0, 0, 1, 0],
        infrastructure_damage: [0, 1, 0, 0, 0, 0],
        request_for_help: [0, 0, 1, 0, 0, 0],
        alive_and_safe: [0, 0, 0, 0, 1, 0],
        farewell: [0, 0, 0, 0, 0, 1],
      });
      // 20:00 on the 12th to 10:00 on the 13th: no empty lead-in, whatever is asked for
      assert.equal((await messagesPerHour(h, 24 * 60)).hours.length, 15);
    });

    it('casualty figures equal the newest live messages with figures', async () => {
      const got = await casualtyFigures(h);
      assert.deepEqual(got, ref.casualties(60));
      assert.deepEqual(
        got.map((c) => [c.kind, c.count, c.source]),
        [
          ['killed', 5, 'twitter:@user5'],
          ['missing', 1, 'twitter:@user5'],
          ['injured', 2, 'twitter:@user4'],
          ['killed', 3, 'twitter:@user2'],
        ],
      );
      assert.deepEqual(await casualtyFigures(h, 2), ref.casualties(2));
    });

    it('places equal a count over the live rows: most named first, then by name', async () => {
      const got = await placeCounts(h);
      assert.deepEqual(got, await ref.places(300));
      assert.deepEqual(got.slice(0, 2), [
        { ...A, count: 2 },
        { ...B, count: 2 },
      ]);
      assert.ok(!got.some((p) => p.name === 'Place D'), 'named only by a deleted message');
      assert.ok(got.some((p) => p.name === 'Al-Sukkari' && p.count === 1));
      assert.deepEqual(await placeCounts(h, 3), await ref.places(3));
    });

    it('the route returns the same parts', async () => {
      const r = await h.app.inject({ url: '/api/stats?hours=6', headers: bearer(h.tokens.viewer) });
      assert.equal(r.statusCode, 200, r.body);
      const s = r.json();
      assert.deepEqual(s.perHour, ref.perHour(6));
      assert.deepEqual(s.casualties, JSON.parse(JSON.stringify(ref.casualties(60))));
      assert.deepEqual(s.places, await ref.places(300));
    });
  });
}

suite('SQLite', sqliteFactory);
if (PG_URL) suite('PostgreSQL', postgresFactory);
else it('PostgreSQL variant', (t) => t.skip('VIGIL_TEST_PG_URL is not set'));
