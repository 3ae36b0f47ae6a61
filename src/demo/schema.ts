import { z } from 'zod';
import { Media, OffsetDateTime } from '../core/message.ts';

/**
 * The minimal JSONL message shape that `vigil import` reads (one object per line).
 * The demo and the benchmark corpus both write it.
 */
export const JsonlAuthor = z.union([
  z.string().min(1),
  z.object({ id: z.string().min(1), handle: z.string().optional(), displayName: z.string().optional() }),
]);
export type JsonlAuthor = z.infer<typeof JsonlAuthor>;

export const JsonlMessage = z.object({
  platform: z.string().min(1),
  id: z.string().min(1),
  author: JsonlAuthor,
  postedAt: OffsetDateTime,
  text: z.string(),
  url: z.string().optional(),
  lang: z.string().optional(),
  media: z.array(Media).optional(),
  /** Native id of the reposted message on the same platform. */
  repostOf: z.string().optional(),
});
export type JsonlMessage = z.infer<typeof JsonlMessage>;

/** `platform:handle`, the form `vigil people add --account` takes. */
export const AccountRef = z.string().regex(/^[a-z]+:\S+$/, 'expected platform:handle');

export const DemoPerson = z.object({
  /** Stable key used by the scenario facts. */
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameAr: z.string().min(1),
  accounts: z.array(AccountRef).min(1),
  area: z.string().min(1),
  areaAr: z.string().min(1),
  tags: z.array(z.string()),
});
export type DemoPerson = z.infer<typeof DemoPerson>;

const TimeWindow = z.object({ from: OffsetDateTime, to: OffsetDateTime });

/** What the scenario was built to contain, so tests and `vigil status --at` replays know what to expect. */
export const DemoFacts = z.object({
  start: OffsetDateTime,
  end: OffsetDateTime,
  /** People who stop posting for good, and the time of their last post. */
  silences: z.array(z.object({ person: z.string(), lastPostAt: OffsetDateTime })),
  outage: z.object({ area: z.string(), areaAr: z.string(), people: z.array(z.string()), window: TimeWindow }),
  /** Farewells; `thenActive` is true when the person went on posting afterwards. */
  farewells: z.array(z.object({ person: z.string(), at: OffsetDateTime, thenActive: z.boolean() })),
  aliveAndSafe: z.array(z.object({ person: z.string(), at: OffsetDateTime })),
  /** "Battery dying, I will be offline": the silence after it is expected. */
  goingOffline: z.array(z.object({ person: z.string(), at: OffsetDateTime })),
  /** People who stop posting a few usual gaps before the end: quiet, not silent. */
  quiet: z.array(z.object({ person: z.string(), lastPostAt: OffsetDateTime })),
  /** Moments worth replaying with `vigil status --at`, and the states the scenario was built to show there. */
  checkpoints: z.array(z.object({ at: OffsetDateTime, expect: z.record(z.string(), z.string()), note: z.string() })),
});
export type DemoFacts = z.infer<typeof DemoFacts>;

export const DEMO_NOTICE =
  'GENERATED DEMO DATA: a fictional scenario written for Vigil. These are not real people, accounts or messages.';

export const DemoPeopleFile = z.object({
  notice: z.string(),
  seed: z.number().int(),
  people: z.array(DemoPerson),
});
export type DemoPeopleFile = z.infer<typeof DemoPeopleFile>;

export const DemoScenarioFile = z.object({
  notice: z.string(),
  seed: z.number().int(),
  facts: DemoFacts,
});
export type DemoScenarioFile = z.infer<typeof DemoScenarioFile>;
