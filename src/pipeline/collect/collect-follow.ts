import { identityHash } from '../../core/hash.ts';
import { warcResponseRecord } from '../../evidence/http-record.ts';
import type { LiveContext, LiveItem, LiveSource } from '../../sources/live/live-source.ts';
import type { RawMessage } from '../../sources/source.ts';
import { type Follow, getCursor, saveCursor } from '../../store/queries/live.ts';
import { captureBatch, type PendingMessage } from '../capture.ts';
import type { PipelineContext } from '../import.ts';
import type { Stage } from '../stage.ts';

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
      const record = warcResponseRecord(page.response);
      const put = await ctx.blobs.putBytes(record);
      const batch: PendingMessage[] = [];
      for (const item of page.items) {
        const raw = await rawOf(ctx, item, out);
        if (!raw) continue;
        batch.push({
          raw,
          file: page.response.url,
          place: item.place,
          provenance: {
            source: source.name,
            blob: put.sha256,
            locator: `${page.response.url}#${item.place}`,
            importer: { name: source.name, version: source.version },
          },
        });
      }
      const res = await captureBatch(ctx.store, batch, {
        actor: opts.actor,
        capturedAt: now().toISOString(),
        stages: opts.stages,
        blobs: [
          {
            sha256: put.sha256,
            bytes: put.bytes,
            name: page.response.url,
            mime: 'application/warc',
            source: source.name,
          },
        ],
      });
      out.captured += res.new + res.edited;
      out.unchanged += res.unchanged;
      for (const r of res.invalid) out.rejected.push({ place: r.place, reason: r.reason });
    }
    if (page.cursor !== undefined) await saveCursor(ctx.store.db, follow.key, page.cursor, now().toISOString());
  }
  return out;
}

async function rawOf(ctx: PipelineContext, item: LiveItem, out: FollowResult): Promise<RawMessage | undefined> {
  if (item.kind === 'message') return item.message;
  if (item.kind === 'rejected') {
    out.rejected.push({ place: item.place, reason: item.reason });
    return undefined;
  }
  const id = identityHash({ platform: item.platform, nativeId: item.nativeId, author: { id: item.authorId } });
  const stored = await ctx.store.getMessage(id);
  if (!stored || stored.id !== id) {
    out.unknownDeletions++;
    return undefined;
  }
  const { id: _id, contentHash: _c, seq: _s, versions: _v, capturedAt: _at, provenance: _p, ...message } = stored;
  return { ...message, deleted: true };
}
