import * as cheerio from 'cheerio';
import { UsageError } from '../../core/errors.ts';
import type { Media } from '../../core/message.ts';
import type { FetchedResponse } from '../../core/net/fetch-guard.ts';
import { normalizeIsoWithOffset } from '../time.ts';
import { MalformedResponseError } from './errors.ts';
import { expectOk } from './json-response.ts';
import type { FollowTarget, LiveContext, LiveItem, LivePage, LiveSource } from './live-source.ts';

// Shape: the public web preview of a channel, https://t.me/s/<channel> (and ?before=<id> for older
// posts): one div.tgme_widget_message[data-post="<channel>/<id>"] per post, its text in
// .tgme_widget_message_text, its time in .tgme_widget_message_date time[datetime]. Telegram does not
// document this page; the fixture follows its markup as served. Each post's data-view is base64url JSON
// whose `c` is minus the channel's numeric id. It carries no edit history (only the
// current text, sometimes an "edited" mark) and no trace of deleted posts, so neither is inferred.

export interface TelegramCursor {
  newestId?: number;
  backfillBefore?: number;
  backfillLeft?: number;
}

function parseTarget(target: string): { key: string; target: string } {
  const t = target.trim();
  const m = /^(?:https?:\/\/t\.me\/(?:s\/)?)?@?([A-Za-z][A-Za-z0-9_]{3,31})\/?$/.exec(t);
  if (!m) throw new UsageError(`telegram: expected a public channel name or t.me link, got "${target}"`, target);
  return { key: `telegram:${m[1].toLowerCase()}`, target: m[1] };
}

/**
 * The channel's numeric id from a post's `data-view`: base64url JSON such as {"c":-1009988776,"p":5,…},
 * where -c is the id a Telegram export writes as the chat's `id` (and `channel<id>` as `from_id`).
 */
export function channelIdOf(dataView: string | undefined): string | undefined {
  if (!dataView) return undefined;
  try {
    const c = JSON.parse(Buffer.from(dataView, 'base64url').toString('utf8'))?.c;
    return Number.isSafeInteger(c) && c !== 0 ? String(Math.abs(c)) : undefined;
  } catch {
    return undefined;
  }
}

/** Posts of one preview page, oldest first, and the channel's title. */
export function readPreview(
  html: string,
  channel: string,
  url: string,
): { title?: string; posts: { id: number; item: LiveItem }[] } {
  const $ = cheerio.load(html);
  const title = $('.tgme_channel_info_header_title').first().text().trim() || undefined;
  const nodes = $('.tgme_widget_message[data-post]');
  if (nodes.length === 0 && $('.tgme_channel_info').length === 0)
    throw new MalformedResponseError(`${url}: not a Telegram channel preview (no posts, no channel header)`, url);
  const posts: { id: number; item: LiveItem }[] = [];
  nodes.each((i, el) => {
    const node = $(el);
    const post = node.attr('data-post') ?? '';
    const id = Number(post.split('/')[1]);
    const place = `post=${post}`;
    if (!Number.isInteger(id) || id <= 0) {
      posts.push({
        id: 0,
        item: { kind: 'rejected', place: `index=${i}`, reason: `data-post "${post}" has no message id` },
      });
      return;
    }
    const textNode = node.find('.tgme_widget_message_text').first().clone();
    textNode.find('br').replaceWith('\n');
    const text = textNode.text().trim();
    const datetime = node.find('.tgme_widget_message_date time').attr('datetime') ?? '';
    const postedAt = normalizeIsoWithOffset(datetime);
    if (!postedAt) {
      posts.push({ id, item: { kind: 'rejected', place, reason: `post ${id}: no readable time ("${datetime}")` } });
      return;
    }
    const media: Media[] = [];
    node.find('.tgme_widget_message_photo_wrap').each((_, p) => {
      const bg = /url\(['"]?([^'")]+)['"]?\)/.exec($(p).attr('style') ?? '');
      if (bg) media.push({ url: bg[1], mime: 'image/jpeg' });
    });
    node.find('video').each((_, v) => {
      const src = $(v).attr('src');
      if (src) media.push({ url: src, mime: 'video/mp4' });
    });
    const author = node.find('.tgme_widget_message_owner_name').first().text().trim();
    const channelId = channelIdOf(node.attr('data-view'));
    posts.push({
      id,
      item: {
        kind: 'message',
        place,
        message: {
          platform: 'telegram',
          // The identity a Telegram export gives the same post (telegram-export.ts: author `channel<id>`,
          // native id `<chat id>/<message id>`), so importing an export of a followed channel adds nothing
          // twice. Only when the page names the channel's id; else the channel name stands in.
          nativeId: channelId ? `${channelId}/${id}` : String(id),
          url: `https://t.me/${channel}/${id}`,
          author: {
            id: channelId ? `channel${channelId}` : channel.toLowerCase(),
            handle: channel,
            ...(author || title ? { displayName: author || title } : {}),
          },
          postedAt,
          text,
          media,
        },
      },
    });
  });
  return { title, posts };
}

/**
 * A public Telegram channel through its web preview: the newest page every round, older pages by
 * ?before=<id> when the newest page does not reach back to the last post captured, and a backfill
 * on the first run. An edited post whose text changed becomes a new version when it is read again
 * (only while it is on the newest page); deletions are not seen.
 */
export const telegramPreviewSource: LiveSource = {
  platform: 'telegram',
  name: 'live-telegram-preview',
  version: '1.0.0',
  intervalMs: 5 * 60_000,
  parseTarget,
  poll(follow, cursor, ctx) {
    return pollChannel(follow, (cursor ?? {}) as TelegramCursor, ctx);
  },
};

async function* pollChannel(follow: FollowTarget, start: TelegramCursor, ctx: LiveContext): AsyncGenerator<LivePage> {
  const base = (follow.baseUrl ?? ctx.env.VIGIL_TELEGRAM_BASE_URL ?? 'https://t.me').replace(/\/+$/, '');
  const channel = follow.target;
  const c: TelegramCursor = { ...start };
  const page = async (before?: number) => {
    const res: FetchedResponse = await ctx.fetcher.get(
      `${base}/s/${encodeURIComponent(channel)}${before ? `?before=${before}` : ''}`,
      { signal: ctx.signal, headers: { accept: 'text/html' } },
    );
    expectOk(res, `telegram channel ${channel}`);
    const { posts } = readPreview(res.body.toString('utf8'), channel, res.url);
    const ids = posts.map((p) => p.id).filter((id) => id > 0);
    return {
      res,
      items: posts.map((p) => p.item),
      oldest: ids.length ? Math.min(...ids) : undefined,
      newest: ids.length ? Math.max(...ids) : undefined,
    };
  };

  const first = await page();
  const previous = c.newestId;
  if (first.newest !== undefined) c.newestId = Math.max(first.newest, previous ?? 0);
  if (previous === undefined) {
    if (first.oldest !== undefined && first.oldest > 1) {
      c.backfillBefore = first.oldest;
      c.backfillLeft = Math.max(0, ctx.backfillPages - 1);
    }
    yield { response: first.res, items: first.items, cursor: { ...c } };
  } else if (first.oldest === undefined || first.oldest <= previous + 1) {
    yield { response: first.res, items: first.items, cursor: { ...c } };
  } else {
    yield { response: first.res, items: first.items };
    let before: number | undefined = first.oldest;
    for (let n = 0; before !== undefined && n < 1000; n++) {
      const p = await page(before);
      yield { response: p.res, items: p.items };
      before = p.oldest !== undefined && p.oldest < before && p.oldest > previous + 1 ? p.oldest : undefined;
    }
    yield { items: [], cursor: { ...c } };
  }
  while (c.backfillBefore && (c.backfillLeft ?? 0) > 0) {
    const p = await page(c.backfillBefore);
    c.backfillLeft = (c.backfillLeft ?? 1) - 1;
    const older = p.oldest !== undefined && p.oldest > 1 && p.oldest < c.backfillBefore;
    c.backfillBefore = older && c.backfillLeft > 0 ? p.oldest : undefined;
    if (!c.backfillBefore) delete c.backfillLeft;
    yield { response: p.res, items: p.items, cursor: { ...c } };
  }
}
