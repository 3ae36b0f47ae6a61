import { UsageError } from '../../core/errors.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import { parseAtUri, postRecordToMessage } from './bluesky-record.ts';
import { MalformedResponseError } from './errors.ts';
import { expectOk, parseJsonBody } from './json-response.ts';
import type { FollowTarget, LiveContext, LiveItem, LivePage, LiveSource } from './live-source.ts';

// Shapes: XRPC app.bsky.feed.getAuthorFeed (https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed),
// app.bsky.feed.getPosts (https://docs.bsky.app/docs/api/app-bsky-feed-get-posts) and
// com.atproto.identity.resolveHandle (https://docs.bsky.app/docs/api/com-atproto-identity-resolve-handle),
// served by the public AppView https://public.api.bsky.app without credentials.

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

const PAGE = 100;

export interface BlueskyCursor {
  did?: string;
  /** Newest post seen (indexedAt): later rounds walk back until they reach it. */
  newestAt?: string;
  /** at:// uris of the newest page last read; one gone from a later page is checked with getPosts. */
  recent?: string[];
  backfillCursor?: string;
  backfillLeft?: number;
}

function parseTarget(target: string): { key: string; target: string } {
  const t = target.trim().replace(/^@/, '');
  const url = /^https?:\/\/bsky\.app\/profile\/([^/?#]+)\/?$/.exec(t);
  const v = url ? url[1] : t;
  if (!/^did:[a-z]+:[A-Za-z0-9._:%-]+$/.test(v) && !/^([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/.test(v))
    throw new UsageError(`bluesky: expected a handle (name.bsky.social) or a DID, got "${target}"`, target);
  const low = v.startsWith('did:') ? v : v.toLowerCase();
  return { key: `bluesky:${low}`, target: low };
}

/** The AppView's address: the follow's own, VIGIL_BLUESKY_APPVIEW, or the public one. */
export function appViewOf(follow: FollowTarget, env: NodeJS.ProcessEnv): string {
  return (follow.baseUrl ?? env.VIGIL_BLUESKY_APPVIEW ?? 'https://public.api.bsky.app').replace(/\/+$/, '');
}

/**
 * Bluesky through the AppView: an author's feed (their posts; reposts are left to the repository
 * import), the newest page every round and older pages until the last post seen, a backfill on the
 * first run. Posts cannot be edited on Bluesky; a post gone from the newest page and missing from
 * getPosts was deleted. Live posts arrive faster through Jetstream (bluesky-jetstream.ts).
 */
export const blueskySource: LiveSource = {
  platform: 'bluesky',
  name: 'live-bluesky-appview',
  version: '1.0.0',
  intervalMs: 10 * 60_000,
  parseTarget,
  poll(follow, cursor, ctx) {
    return pollAuthor(follow, (cursor ?? {}) as BlueskyCursor, ctx);
  },
};

function readFeed(res: FetchedResponse, what: string) {
  expectOk(res, what);
  const body = obj(parseJsonBody(res));
  if (!body || !Array.isArray(body.feed)) throw new MalformedResponseError(`${res.url}: no feed array`, res.url);
  const items: LiveItem[] = [];
  const uris: string[] = [];
  let oldestAt: string | undefined;
  let newestAt: string | undefined;
  for (const [i, entry] of body.feed.entries()) {
    const e = obj(entry);
    const post = obj(e?.post);
    if (!post) {
      items.push({ kind: 'rejected', place: `feed=${i}`, reason: 'feed entry without a post' });
      continue;
    }
    if (obj(e?.reason)) continue; // a repost by this author
    const uri = str(post.uri);
    const at = parseAtUri(uri);
    const author = obj(post.author);
    const record = obj(post.record);
    if (!uri || !at || !record) {
      items.push({ kind: 'rejected', place: `feed=${i}`, reason: `post without uri or record (${uri ?? '?'})` });
      continue;
    }
    const indexedAt = str(post.indexedAt) ?? str(record.createdAt) ?? '';
    if (!oldestAt || indexedAt < oldestAt) oldestAt = indexedAt;
    if (!newestAt || indexedAt > newestAt) newestAt = indexedAt;
    uris.push(uri);
    const m = postRecordToMessage(at.did, at.rkey, record, str(author?.handle));
    items.push(
      typeof m === 'string'
        ? { kind: 'rejected', place: `feed=${i}`, reason: m }
        : { kind: 'message', message: m, place: `feed=${i}` },
    );
  }
  return { items, uris, next: str(body.cursor), oldestAt, newestAt };
}

async function* pollAuthor(follow: FollowTarget, start: BlueskyCursor, ctx: LiveContext): AsyncGenerator<LivePage> {
  const base = appViewOf(follow, ctx.env);
  const get = (path: string) => ctx.fetcher.get(`${base}${path}`, { signal: ctx.signal });
  const c: BlueskyCursor = { ...start };
  if (!c.did) {
    if (follow.target.startsWith('did:')) c.did = follow.target;
    else {
      const res = await get(`/xrpc/com.atproto.identity.resolveHandle?handle=${encodeURIComponent(follow.target)}`);
      expectOk(res, `bluesky handle ${follow.target}`);
      const did = str(obj(parseJsonBody(res))?.did);
      if (!did) throw new MalformedResponseError(`${res.url}: no did`, res.url);
      c.did = did;
      yield { response: res, items: [], cursor: { ...c } };
    }
  }
  const feed = `/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(c.did)}&limit=${PAGE}&filter=posts_with_replies`;
  const what = `posts of ${follow.target}`;
  const res = await get(feed);
  const first = readFeed(res, what);
  const deleted: LiveItem[] = [];
  const gone = (c.recent ?? []).filter((u) => !first.uris.includes(u));
  if (gone.length) {
    const check = await get(
      `/xrpc/app.bsky.feed.getPosts?${gone
        .slice(0, 25)
        .map((u) => `uris=${encodeURIComponent(u)}`)
        .join('&')}`,
    );
    expectOk(check, 'bluesky getPosts');
    const posts = obj(parseJsonBody(check))?.posts;
    const still = new Set((Array.isArray(posts) ? posts : []).map((p) => str(obj(p)?.uri)));
    for (const u of gone.slice(0, 25)) {
      const at = parseAtUri(u);
      if (at && !still.has(u))
        deleted.push({ kind: 'deleted', platform: 'bluesky', authorId: at.did, nativeId: at.rkey, place: `uri=${u}` });
    }
    if (deleted.length) yield { response: check, items: deleted };
  }
  const previous = c.newestAt;
  if (first.newestAt && (!previous || first.newestAt > previous)) c.newestAt = first.newestAt;
  c.recent = first.uris;
  if (previous === undefined) {
    if (first.next && ctx.backfillPages > 1) {
      c.backfillCursor = first.next;
      c.backfillLeft = ctx.backfillPages - 1;
    }
    yield { response: res, items: first.items, cursor: { ...c } };
  } else if (!first.next || !first.oldestAt || first.oldestAt <= previous) {
    yield { response: res, items: first.items, cursor: { ...c } };
  } else {
    yield { response: res, items: first.items };
    let next: string | undefined = first.next;
    for (let n = 0; next && n < 100; n++) {
      const r = await get(`${feed}&cursor=${encodeURIComponent(next)}`);
      const p = readFeed(r, what);
      yield { response: r, items: p.items };
      next = p.oldestAt && p.oldestAt > previous ? p.next : undefined;
    }
    yield { items: [], cursor: { ...c } };
  }
  while (c.backfillCursor && (c.backfillLeft ?? 0) > 0) {
    const r = await get(`${feed}&cursor=${encodeURIComponent(c.backfillCursor)}`);
    const p = readFeed(r, what);
    c.backfillLeft = (c.backfillLeft ?? 1) - 1;
    c.backfillCursor = c.backfillLeft > 0 ? p.next : undefined;
    if (!c.backfillCursor) delete c.backfillLeft;
    yield { response: r, items: p.items, cursor: { ...c } };
  }
}
