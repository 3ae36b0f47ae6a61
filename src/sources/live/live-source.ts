import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import type { PoliteFetcher } from '../../core/net/polite-fetcher.ts';
import type { RawMessage } from '../source.ts';

/** What is followed, as a source needs it. */
export interface FollowTarget {
  /** `platform:handle` (lowercase) or `rss:<url>`. */
  key: string;
  platform: string;
  /** Handle, channel, DID or feed URL. */
  target: string;
  /** Overrides the source's default API address (a local test server, another AppView). */
  baseUrl?: string;
}

export interface LiveContext {
  fetcher: PoliteFetcher;
  signal?: AbortSignal;
  /** Pages read backwards on the first run. */
  backfillPages: number;
  /** Source settings from the environment (tokens, default base URLs). */
  env: NodeJS.ProcessEnv;
}

/** One item read from a page; `place` says where inside the response (`index=3`, `id=…`). */
export type LiveItem =
  | { kind: 'message'; message: RawMessage; place: string }
  /**
   * The author deleted it: the pipeline captures the stored message again, marked deleted. Without
   * `authorId` (Mastodon's streaming delete names only the status id) the stored message is found by
   * platform and native id.
   */
  | { kind: 'deleted'; platform: string; authorId?: string; nativeId: string; place: string }
  | { kind: 'rejected'; place: string; reason: string };

/** One response and what was read from it; a page with no response only carries a cursor to save. */
export interface LivePage {
  response?: FetchedResponse;
  items: LiveItem[];
  /** Save this cursor once the page is committed. Absent: keep going, save later. */
  cursor?: unknown;
}

/**
 * A live source: polls one followed account or feed from its cursor and yields each response with
 * its items. It never touches the store; the pipeline keeps the raw response as a blob, captures the
 * items and only then saves the cursor, so a crash re-reads a page instead of losing it.
 */
export interface LiveSource {
  platform: string;
  /** provenance.source of what it collects, e.g. live-mastodon. */
  name: string;
  version: string;
  /** Time between two polls of one follow. */
  intervalMs: number;
  /** Checks and normalizes what a person typed after `platform:`; throws UsageError naming it. */
  parseTarget(target: string): { key: string; target: string };
  poll(follow: FollowTarget, cursor: unknown, ctx: LiveContext): AsyncIterable<LivePage>;
}
