import { parseFeed } from 'feedsmith';
import { UsageError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/hash.ts';
import { HttpStatusError } from '../../core/net/errors.ts';
import type { RawMessage } from '../source.ts';
import { htmlToText } from '../text/html-to-text.ts';
import { isoAtOffset, normalizeIsoWithOffset } from '../time.ts';
import { MalformedResponseError } from './errors.ts';
import { expectOk } from './json-response.ts';
import type { FollowTarget, LiveContext, LiveItem, LivePage, LiveSource } from './live-source.ts';

// Shapes: RSS 2.0 (https://www.rssboard.org/rss-specification), Atom (RFC 4287), RSS 1.0/RDF and
// JSON Feed 1.1; parsed by feedsmith, which reads all four.

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
/** feedsmith gives text either as a string or as `{ value }` (Atom text constructs, RSS guid). */
const text = (v: unknown): string | undefined => {
  const s = typeof v === 'string' ? v : typeof obj(v)?.value === 'string' ? (obj(v)?.value as string) : undefined;
  return s?.trim() ? s.trim() : undefined;
};

const ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/** RFC 822 (RSS) or RFC 3339 (Atom) as ISO 8601, keeping the offset the feed wrote. */
export function feedDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const iso = normalizeIsoWithOffset(s);
  if (iso) return iso;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return undefined;
  const num = /([+-])(\d{2}):?(\d{2})\s*$/.exec(s);
  const named = /\b([A-Z]{1,3})\s*$/.exec(s.trim());
  const offset = num
    ? (Number(num[2]) * 60 + Number(num[3])) * (num[1] === '-' ? -1 : 1)
    : (ZONES[named?.[1] ?? 'UT'] ?? 0);
  return isoAtOffset(ms, offset);
}

function parseTarget(target: string): { key: string; target: string } {
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    throw new UsageError(`rss: expected the feed's http(s) address, got "${target}"`, target);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`rss: only http and https feeds can be followed, not ${url.protocol}`, target);
  return { key: `rss:${url.href}`, target: url.href };
}

interface RssCursor {
  etag?: string;
  lastModified?: string;
}

/**
 * RSS, Atom, RDF and JSON Feed: the whole feed every round (a conditional GET with the last ETag and
 * Last-Modified, so an unchanged feed costs a 304). Each entry is a message whose author is the feed;
 * an entry whose text changed is a new version. A feed says nothing of entries it dropped, so no
 * deletions are inferred.
 */
export const rssSource: LiveSource = {
  platform: 'rss',
  name: 'live-rss',
  version: '1.0.0',
  intervalMs: 15 * 60_000,
  parseTarget,
  poll(follow, cursor, ctx) {
    return pollFeed(follow, (cursor ?? {}) as RssCursor, ctx);
  },
};

async function* pollFeed(follow: FollowTarget, c: RssCursor, ctx: LiveContext): AsyncGenerator<LivePage> {
  const url = follow.baseUrl ?? follow.target;
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
  };
  if (c.etag) headers['if-none-match'] = c.etag;
  if (c.lastModified) headers['if-modified-since'] = c.lastModified;
  const res = await ctx.fetcher.get(url, { signal: ctx.signal, headers });
  if (res.status === 304) return;
  if (res.status >= 300 && res.status < 400)
    throw new HttpStatusError(res.status, res.url, 'redirect without a Location');
  expectOk(res, `feed ${url}`);
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(res.body.toString('utf8')) as { format: string; feed: unknown };
  } catch (err) {
    throw new MalformedResponseError(`${res.url}: not a feed (${(err as Error).message})`, res.url);
  }
  const feed = obj(parsed.feed) ?? {};
  const entries = (
    Array.isArray(feed.items) ? feed.items : Array.isArray(feed.entries) ? feed.entries : []
  ) as unknown[];
  const author = {
    id: follow.target,
    ...(text(feed.title) ? { displayName: text(feed.title) } : {}),
  };
  const items = entries.map((e, i): LiveItem => {
    const m = entryToMessage(obj(e) ?? {}, author);
    return typeof m === 'string'
      ? { kind: 'rejected', place: `entry=${i}`, reason: m }
      : { kind: 'message', message: m, place: `entry=${i}` };
  });
  const next: RssCursor = {
    ...(res.headers.etag ? { etag: res.headers.etag } : {}),
    ...(res.headers['last-modified'] ? { lastModified: res.headers['last-modified'] } : {}),
  };
  yield { response: res, items, cursor: next };
}

function linkOf(e: Obj): string | undefined {
  if (typeof e.link === 'string') return e.link;
  if (typeof e.url === 'string') return e.url;
  const links = Array.isArray(e.links) ? (e.links as Obj[]) : [];
  const alt = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return typeof alt?.href === 'string' ? alt.href : undefined;
}

function entryToMessage(e: Obj, author: RawMessage['author']): RawMessage | string {
  const link = linkOf(e);
  const title = text(e.title);
  const body =
    text(obj(e.content)?.encoded) ??
    text(e.content) ??
    text(e.content_html) ??
    text(e.content_text) ??
    text(e.description) ??
    text(e.summary) ??
    '';
  const dc = obj(e.dc);
  const when =
    text(e.pubDate) ?? text(e.published) ?? text(e.date_published) ?? text(e.updated) ?? text(dc?.date) ?? undefined;
  const postedAt = feedDate(when);
  if (!postedAt) return `entry "${title ?? link ?? '?'}": no readable date (${when ?? 'none'})`;
  const id = text(e.guid) ?? text(e.id) ?? link ?? sha256Hex(`${title ?? ''}\n${postedAt}`).slice(0, 32);
  const plain = htmlToText(body);
  return {
    platform: 'rss',
    nativeId: id,
    ...(link ? { url: link } : {}),
    author,
    postedAt,
    text: title && !plain.startsWith(title) ? `${title}\n\n${plain}`.trim() : plain,
    media: [],
  };
}
