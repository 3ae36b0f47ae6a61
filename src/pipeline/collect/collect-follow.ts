import { identityHash } from '../../core/hash.ts';
import { warcResponseRecord } from '../../evidence/http-record.ts';
import type { LiveContext, LiveItem, LiveSource } from '../../sources/live/live-source.ts';
import type { RawMessage } from '../../sources/source.ts';
import { type Follow, getCursor, saveCursor } from '../../store/queries/live.ts';
import { captureBatch, type PendingMessage } from '../capture.ts';
import type { PipelineContext } from '../import.ts';
import type { CapturedMessage, Stage } from '../stage.ts';

export interface FollowResult {
  pages: number;
  /** New messages and new versions (edits, deletions). */
  captured: number;
  unchanged: number;
  rejected: { place: string; reason: string }[];
  /** Deletions of messages Vigil never held. */
  unknownDeletions: number;
}

/**
 * One poll of one follow: each response is kept as a WARC record blob, its items captured, and the
 * cursor saved only after that commit. Errors propagate after the pages already committed stay committed.
 */
export async function collectFollow(
  ctx: PipelineContext,
  follow: Follow,
  source: LiveSource,
  live: LiveContext,
  opts: { actor: string; stages: Stage[]; now?: () => Date },
): Promise<FollowResult> {
  const now = opts.now ?? (() => new Date());
  const out: FollowResult = { pages: 0, captured: 0, unchanged: 0, rejected: [], unknownDeletions: 0 };
  const cursor = await getCursor(ctx.store.db, follow.key);
  for await (const page of source.poll(follow, cursor, live)) {
    if (page.response) {
      out.pages++;
      const res = page.response;
      await commitItems(ctx, out, page.items, {
        record: warcResponseRecord(res),
        url: res.url,
        source: { name: source.name, version: source.version },
        actor: opts.actor,
        stages: opts.stages,
        capturedAt: now().toISOString(),
      });
    }
    if (page.cursor !== undefined) await saveCursor(ctx.store.db, follow.key, page.cursor, now().toISOString());
  }
  return out;
}

/**
 * Keeps `record` (the raw response or frames) as a blob and captures `items` with provenance pointing
 * into it; counts go into `out`. Returns the messages captured (new ones and new versions).
 */
export async function commitItems(
  ctx: PipelineContext,
  out: Omit<FollowResult, 'pages'>,
  items: LiveItem[],
  o: {
    record: Buffer;
    url: string;
    source: { name: string; version: string };
    actor: string;
    stages: Stage[];
    capturedAt: string;
    mime?: string;
  },
): Promise<CapturedMessage[]> {
  const put = await ctx.blobs.putBytes(o.record);
  const batch: PendingMessage[] = [];
  for (const item of items) {
    const raw = await rawOf(ctx, item, out);
    if (!raw) continue;
    batch.push({
      raw,
      file: o.url,
      place: item.place,
      provenance: {
        source: o.source.name,
        blob: put.sha256,
        locator: `${o.url}#${item.place}`,
        importer: o.source,
      },
    });
  }
  const res = await captureBatch(ctx.store, batch, {
    actor: o.actor,
    capturedAt: o.capturedAt,
    stages: o.stages,
    blobs: [
      { sha256: put.sha256, bytes: put.bytes, name: o.url, mime: o.mime ?? 'application/warc', source: o.source.name },
    ],
  });
  out.captured += res.new + res.edited;
  out.unchanged += res.unchanged;
  for (const r of res.invalid) out.rejected.push({ place: r.place, reason: r.reason });
  return res.captured;
}

async function rawOf(
  ctx: PipelineContext,
  item: LiveItem,
  out: Omit<FollowResult, 'pages'>,
): Promise<RawMessage | undefined> {
  if (item.kind === 'message') return item.message;
  if (item.kind === 'rejected') {
    out.rejected.push({ place: item.place, reason: item.reason });
    return undefined;
  }
  const id = item.authorId
    ? identityHash({ platform: item.platform, nativeId: item.nativeId, author: { id: item.authorId } })
    : await idByNativeId(ctx, item.platform, item.nativeId);
  const stored = id ? await ctx.store.getMessage(id) : undefined;
  if (!stored || stored.id !== id) {
    out.unknownDeletions++;
    return undefined;
  }
  const { id: _id, contentHash: _c, seq: _s, versions: _v, capturedAt: _at, provenance: _p, ...message } = stored;
  return { ...message, deleted: true };
}

/** A deletion that names only the post id (Mastodon's streaming delete): the one stored message with it. */
async function idByNativeId(ctx: PipelineContext, platform: string, nativeId: string): Promise<string | undefined> {
  const rows = await ctx.store.db
    .selectFrom('messages')
    .select('id')
    .where('platform', '=', platform)
    .where('native_id', '=', nativeId)
    .limit(2)
    .execute();
  // Two accounts' posts with one id (ids are per instance): not enough to tell which one was deleted.
  return rows.length === 1 ? rows[0].id : undefined;
}
