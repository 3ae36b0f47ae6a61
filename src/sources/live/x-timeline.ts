import { UsageError } from '../../core/errors.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import type { RawMessage } from '../source.ts';
import { normalizeIsoWithOffset } from '../time.ts';
import { AuthNeededError, MalformedResponseError } from './errors.ts';
import { expectOk, parseJsonBody } from './json-response.ts';
import type { FollowTarget, LiveContext, LiveItem, LivePage, LiveSource } from './live-source.ts';

// Shapes: X API v2, GET /2/users/by/username/:username and GET /2/users/:id/tweets
// (https://docs.x.com/x-api/users/get-user-by-username, https://docs.x.com/x-api/users/get-posts),
// paged by meta.next_token / pagination_token, newest first, since_id for what is new; Tweet fields
// https://docs.x.com/x-api/fundamentals/data-dictionary. Needs the operator's own bearer token.

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const FIELDS =
  'tweet.fields=created_at,lang,author_id,referenced_tweets,edit_history_tweet_ids,attachments&expansions=author_id,attachments.media_keys&user.fields=username,name&media.fields=url,type';

export interface XCursor {
  userId?: string;
  /** Newest post id captured: later rounds ask since_id. */
  sinceId?: string;
  /** First-run backfill still to do. */
  backfillToken?: string;
  backfillLeft?: number;
}

function parseTarget(target: string): { key: string; target: string } {
  const m = /^(?:https?:\/\/(?:www\.)?(?:x|twitter)\.com\/)?@?([A-Za-z0-9_]{1,15})\/?$/.exec(target.trim());
  if (!m) throw new UsageError(`twitter: expected a username (or x.com link), got "${target}"`, target);
  return { key: `twitter:${m[1].toLowerCase()}`, target: m[1] };
}

export function tweetToMessage(t: Obj, users: Map<string, Obj>, media: Map<string, Obj>): RawMessage | string {
  const id = str(t.id);
  if (!id) return 'post without id';
  const authorId = str(t.author_id);
  if (!authorId) return `post ${id}: no author_id (ask tweet.fields=author_id)`;
  const postedAt = normalizeIsoWithOffset(str(t.created_at) ?? '');
  if (!postedAt) return `post ${id}: no readable created_at`;
  const user = users.get(authorId);
  const handle = str(user?.username);
  const refs = arr(t.referenced_tweets).map(obj);
  const replied = refs.find((r) => r?.type === 'replied_to');
  const reposted = refs.find((r) => r?.type === 'retweeted');
  // An edit is a new post id; the first id of edit_history_tweet_ids names the post across its edits,
  // so an edit is captured as a new version of the same message.
  const original = str(arr(t.edit_history_tweet_ids)[0]) ?? id;
  const keys = arr(obj(t.attachments)?.media_keys).map(String);
  return {
    platform: 'twitter',
    nativeId: original,
    url: `https://x.com/${handle ?? 'i'}/status/${id}`,
    author: {
      id: authorId,
      ...(handle ? { handle } : {}),
      ...(str(user?.name) ? { displayName: str(user?.name) } : {}),
    },
    postedAt,
    text: str(t.text) ?? '',
    ...(str(t.lang) && t.lang !== 'und' ? { lang: str(t.lang) } : {}),
    media: keys.map((k) => ({ ...(str(media.get(k)?.url) ? { url: str(media.get(k)?.url) } : { originalName: k }) })),
    ...(replied && str(replied.id) ? { replyTo: { nativeId: str(replied.id) as string } } : {}),
    ...(reposted && str(reposted.id) ? { repostOf: { nativeId: str(reposted.id) as string } } : {}),
  };
}

/**
 * X (Twitter) API v2 user timelines with the operator's own bearer token (VIGIL_X_BEARER_TOKEN).
 * Without one the follow is auth_needed. Edits become versions (edit_history_tweet_ids); deletions
 * are not reported by the timeline endpoint and are not inferred.
 */
export const xTimelineSource: LiveSource = {
  platform: 'twitter',
  name: 'live-x-api-v2',
  version: '1.0.0',
  // The timeline endpoint's per-app limits are small on the cheaper tiers: poll sparingly.
  intervalMs: 15 * 60_000,
  parseTarget,
  poll(follow, cursor, ctx) {
    return pollX(follow, (cursor ?? {}) as XCursor, ctx);
  },
};

async function* pollX(follow: FollowTarget, start: XCursor, ctx: LiveContext): AsyncGenerator<LivePage> {
  const token = ctx.env.VIGIL_X_BEARER_TOKEN?.trim();
  const base = (follow.baseUrl ?? ctx.env.VIGIL_X_API_BASE ?? 'https://api.x.com').replace(/\/+$/, '');
  if (!token)
    throw new AuthNeededError('twitter: set VIGIL_X_BEARER_TOKEN (an X API bearer token) to collect X timelines', base);
  const get = (path: string) =>
    ctx.fetcher.get(`${base}${path}`, { signal: ctx.signal, headers: { authorization: `Bearer ${token}` } });
  const c: XCursor = { ...start };
  if (!c.userId) {
    const res = await get(`/2/users/by/username/${encodeURIComponent(follow.target)}`);
    expectOk(res, `X user ${follow.target}`);
    const id = str(obj(obj(parseJsonBody(res))?.data)?.id);
    if (!id)
      throw new MalformedResponseError(`${res.url}: no data.id (${res.body.toString('utf8').slice(0, 120)})`, res.url);
    c.userId = id;
    yield { response: res, items: [], cursor: { ...c } };
  }
  const timeline = `/2/users/${encodeURIComponent(c.userId)}/tweets?max_results=100&${FIELDS}`;
  const read = (res: FetchedResponse) => {
    expectOk(res, `posts of ${follow.target}`);
    const body = obj(parseJsonBody(res));
    if (!body) throw new MalformedResponseError(`${res.url}: expected a JSON object`, res.url);
    const includes = obj(body.includes);
    const users = new Map(arr(includes?.users).map((u) => [str(obj(u)?.id) ?? '', obj(u) ?? {}]));
    const media = new Map(arr(includes?.media).map((m) => [str(obj(m)?.media_key) ?? '', obj(m) ?? {}]));
    const items = arr(body.data).map((t, i): LiveItem => {
      const m = obj(t) ? tweetToMessage(obj(t) as Obj, users, media) : 'not a post object';
      return typeof m === 'string'
        ? { kind: 'rejected', place: `data=${i}`, reason: m }
        : { kind: 'message', message: m, place: `data=${i}` };
    });
    const meta = obj(body.meta);
    return { items, newest: str(meta?.newest_id), next: str(meta?.next_token) };
  };

  const firstRun = c.sinceId === undefined;
  const res = await get(firstRun ? timeline : `${timeline}&since_id=${encodeURIComponent(c.sinceId as string)}`);
  const first = read(res);
  if (first.newest) c.sinceId = first.newest;
  if (firstRun) {
    if (first.next && ctx.backfillPages > 1) {
      c.backfillToken = first.next;
      c.backfillLeft = ctx.backfillPages - 1;
    }
    yield { response: res, items: first.items, cursor: { ...c } };
  } else if (!first.next) {
    yield { response: res, items: first.items, cursor: { ...c } };
  } else {
    yield { response: res, items: first.items };
    let next: string | undefined = first.next;
    for (let n = 0; next && n < 100; n++) {
      const r = await get(
        `${timeline}&since_id=${encodeURIComponent(start.sinceId as string)}&pagination_token=${encodeURIComponent(next)}`,
      );
      const p = read(r);
      yield { response: r, items: p.items };
      next = p.next;
    }
    yield { items: [], cursor: { ...c } };
  }
  while (c.backfillToken && (c.backfillLeft ?? 0) > 0) {
    const r = await get(`${timeline}&pagination_token=${encodeURIComponent(c.backfillToken)}`);
    const p = read(r);
    c.backfillLeft = (c.backfillLeft ?? 1) - 1;
    c.backfillToken = c.backfillLeft > 0 ? p.next : undefined;
    if (!c.backfillToken) delete c.backfillLeft;
    yield { response: r, items: p.items, cursor: { ...c } };
  }
}
