import { UsageError } from '../../core/errors.ts';
import type { Author, Media } from '../../core/message.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import type { RawMessage } from '../source.ts';
import { htmlToText } from '../text/html-to-text.ts';
import { normalizeIsoWithOffset } from '../time.ts';
import { MalformedResponseError } from './errors.ts';
import { expectOk, parseJsonBody } from './json-response.ts';
import type { FollowTarget, LiveContext, LiveItem, LivePage, LiveSource } from './live-source.ts';
import { mastodonTokenFor } from './mastodon-token.ts';

// Shapes: https://docs.joinmastodon.org/entities/Status/ and /entities/Account/;
// GET /api/v1/accounts/lookup and GET /api/v1/accounts/:id/statuses (https://docs.joinmastodon.org/methods/accounts/),
// GET /api/v1/statuses/:id (https://docs.joinmastodon.org/methods/statuses/).

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

const PAGE = 40;

export interface MastodonCursor {
  accountId?: string;
  /** Author id messages carry (the account's ActivityPub uri), for deletion events. */
  authorId?: string;
  /** Newest status id captured. */
  newestId?: string;
  /** Ids of the newest page last read: one missing from a later newest page was deleted. */
  recent?: string[];
  /** First-run backfill still to do: read older than this id, this many pages more. */
  backfillMaxId?: string;
  backfillLeft?: number;
}

/** Snowflake-style ids compare as numbers; anything else as strings. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseTarget(target: string): { key: string; target: string } {
  const t = target.trim();
  const url = /^https?:\/\/([^/]+)\/@([^/@?#]+)\/?$/.exec(t);
  const m = url ? [t, url[2], url[1]] : /^@?([^@\s/]+)@([^@\s/]+)$/.exec(t);
  if (!m) throw new UsageError(`mastodon: expected user@instance (or https://instance/@user), got "${target}"`, target);
  const handle = `${m[1]}@${m[2].toLowerCase()}`;
  return { key: `mastodon:${handle.toLowerCase()}`, target: handle };
}

export function instanceOf(follow: FollowTarget): string {
  return follow.target.split('@')[1];
}

export function baseOf(follow: FollowTarget): string {
  return (follow.baseUrl ?? `https://${instanceOf(follow)}`).replace(/\/+$/, '');
}

function authorOf(account: Obj, instance: string): Author | undefined {
  const id = str(account.uri) ?? str(account.url);
  if (!id) return undefined;
  const acct = str(account.acct);
  const displayName = str(account.display_name);
  return {
    id,
    ...(acct ? { handle: acct.includes('@') ? acct : `${acct}@${instance}` } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

export function statusToMessage(s: Obj, instance: string): RawMessage | string {
  const id = str(s.id);
  if (!id) return 'status without id';
  const account = obj(s.account);
  const author = account && authorOf(account, instance);
  if (!author) return `status ${id}: no account uri`;
  const postedAt = normalizeIsoWithOffset(str(s.created_at) ?? '');
  if (!postedAt) return `status ${id}: no readable created_at`;
  const reblog = obj(s.reblog);
  const media: Media[] = [];
  for (const a of Array.isArray(s.media_attachments) ? s.media_attachments : []) {
    const url = str(obj(a)?.url);
    if (url) media.push({ url });
  }
  const spoiler = str(s.spoiler_text);
  const body = htmlToText(str(s.content) ?? '');
  const lang = str(s.language);
  const replyTo = str(s.in_reply_to_id);
  const reblogAuthor = reblog && obj(reblog.account) && authorOf(obj(reblog.account) as Obj, instance);
  return {
    platform: 'mastodon',
    nativeId: id,
    url: str(s.url) ?? str(s.uri),
    author,
    postedAt,
    text: reblog ? '' : spoiler ? `${spoiler}\n\n${body}` : body,
    ...(lang ? { lang } : {}),
    media,
    ...(replyTo ? { replyTo: { nativeId: replyTo } } : {}),
    ...(reblog && str(reblog.id)
      ? {
          repostOf: {
            nativeId: str(reblog.id) as string,
            ...(reblogAuthor ? { authorId: reblogAuthor.id } : {}),
            ...(str(reblog.url) ? { url: str(reblog.url) } : {}),
          },
        }
      : {}),
  };
}

function statusesOf(res: FetchedResponse): (Obj | undefined)[] {
  const body = parseJsonBody(res);
  if (!Array.isArray(body)) throw new MalformedResponseError(`${res.url}: expected an array of statuses`, res.url);
  return body.map(obj);
}

/**
 * Mastodon over its REST API: an account's statuses, newest page every round (edits there become new
 * versions; a status gone from it, confirmed by a 404, becomes a deletion), older pages when the newest
 * page does not reach back to the last status captured, and a backfill on the first run.
 */
export const mastodonSource: LiveSource = {
  platform: 'mastodon',
  name: 'live-mastodon',
  version: '1.0.0',
  intervalMs: 5 * 60_000,
  parseTarget,
  poll(follow, cursor, ctx) {
    return pollMastodon(follow, (cursor ?? {}) as MastodonCursor, ctx);
  },
};

async function* pollMastodon(follow: FollowTarget, start: MastodonCursor, ctx: LiveContext): AsyncGenerator<LivePage> {
  const base = baseOf(follow);
  const instance = instanceOf(follow);
  const headers = authHeaders(ctx, instance);
  const get = (path: string) => ctx.fetcher.get(`${base}${path}`, { signal: ctx.signal, headers });
  const c: MastodonCursor = { ...start };
  const read = (res: FetchedResponse, what: string) => {
    expectOk(res, what);
    const statuses = statusesOf(res);
    const items = statuses.map((s, i): LiveItem => {
      const m = s ? statusToMessage(s, instance) : 'not a status object';
      return typeof m === 'string'
        ? { kind: 'rejected', place: `index=${i}`, reason: m }
        : { kind: 'message', message: m, place: `index=${i}` };
    });
    const ids = statuses
      .map((s) => str(s?.id))
      .filter((x): x is string => !!x)
      .sort(compareIds);
    return { items, ids };
  };

  if (!c.accountId) {
    const res = await get(`/api/v1/accounts/lookup?acct=${encodeURIComponent(follow.target.split('@')[0])}`);
    expectOk(res, `mastodon account ${follow.target}`);
    const account = obj(parseJsonBody(res));
    const id = str(account?.id);
    if (!account || !id) throw new MalformedResponseError(`${res.url}: account without id`, res.url);
    c.accountId = id;
    c.authorId = authorOf(account, instance)?.id;
    yield { response: res, items: [], cursor: { ...c } };
  }
  const statuses = `/api/v1/accounts/${encodeURIComponent(c.accountId)}/statuses?limit=${PAGE}`;

  const newest = await get(statuses);
  const first = read(newest, `statuses of ${follow.target}`);
  const oldestOnPage = first.ids[0];
  const items = [...first.items];
  if (c.recent && c.authorId) {
    const present = new Set(first.ids);
    const full = first.ids.length >= PAGE;
    for (const id of c.recent) {
      if (present.has(id) || (full && oldestOnPage && compareIds(id, oldestOnPage) < 0)) continue;
      const res = await get(`/api/v1/statuses/${encodeURIComponent(id)}`);
      if (res.status === 404 || res.status === 410)
        yield {
          response: res,
          items: [{ kind: 'deleted', platform: 'mastodon', authorId: c.authorId, nativeId: id, place: 'status' }],
        };
      else expectOk(res, `status ${id}`);
    }
  }
  const firstRun = c.newestId === undefined;
  const previousNewest = c.newestId;
  const reachesBack = !previousNewest || !oldestOnPage || compareIds(oldestOnPage, previousNewest) <= 0;
  c.recent = first.ids;
  if (first.ids.length) c.newestId = first.ids[first.ids.length - 1];
  if (firstRun) {
    if (first.ids.length >= PAGE) {
      c.backfillMaxId = oldestOnPage;
      c.backfillLeft = Math.max(0, ctx.backfillPages - 1);
    }
    yield { response: newest, items, cursor: { ...c } };
  } else if (reachesBack || first.ids.length < PAGE) {
    yield { response: newest, items, cursor: { ...c } };
  } else {
    // More new statuses than one page: walk back to the last one captured before saving the cursor,
    // so a crash half-way re-reads the gap instead of skipping it.
    yield { response: newest, items };
    let maxId: string | undefined = oldestOnPage;
    for (let pages = 0; maxId && pages < 1000; pages++) {
      const res = await get(`${statuses}&max_id=${encodeURIComponent(maxId)}`);
      const page = read(res, `statuses of ${follow.target}`);
      yield { response: res, items: page.items };
      const reached = page.ids.length < PAGE || compareIds(page.ids[0], previousNewest as string) <= 0;
      maxId = reached ? undefined : page.ids[0];
    }
    yield { items: [], cursor: { ...c } };
  }

  while (c.backfillMaxId && (c.backfillLeft ?? 0) > 0) {
    const res = await get(`${statuses}&max_id=${encodeURIComponent(c.backfillMaxId)}`);
    const page = read(res, `statuses of ${follow.target}`);
    c.backfillLeft = (c.backfillLeft ?? 1) - 1;
    c.backfillMaxId = page.ids.length >= PAGE && c.backfillLeft > 0 ? page.ids[0] : undefined;
    if (!c.backfillMaxId) delete c.backfillLeft;
    yield { response: res, items: page.items, cursor: { ...c } };
  }
}

function authHeaders(ctx: LiveContext, instance: string): Record<string, string> {
  const token = mastodonTokenFor(ctx.env, instance);
  return token ? { authorization: `Bearer ${token}` } : {};
}
