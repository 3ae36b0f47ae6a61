import { ImportError } from '../core/errors.ts';
import type { Author, Media, Poll } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { dirName, joinInside } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { MediaLoader, mimeFromName } from './media.ts';
import { entryLabel, readSmallJson, streamJsonEntry } from './read-json.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from './source.ts';
import { stripBom } from './text/bom.ts';
import { htmlToText } from './text/html-to-text.ts';
import { normalizeIsoWithOffset } from './time.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function looksLikeOutbox(text: string): boolean {
  const head = stripBom(text);
  return /"OrderedCollection"/.test(head) && /activitystreams/.test(head);
}

function findOutbox(archive: Archive): ArchiveEntry | undefined {
  if (archive.kind === 'file') return archive.entries[0];
  return archive.entries.filter((e) => e.name === 'outbox.json').sort((a, b) => a.path.length - b.path.length)[0];
}

/** Last path segment of an ActivityPub id: `.../statuses/123/activity` gives 123. */
function statusId(id: string): string {
  const parts = id.replace(/\/activity$/, '').split('/');
  return parts[parts.length - 1] || id;
}

/** `https://host/users/name/statuses/1` -> `https://host/users/name` */
function actorOfStatus(url: string): string | undefined {
  const m = /^(https?:\/\/[^/]+\/users\/[^/]+)\/statuses\//.exec(url);
  return m?.[1];
}

/** Mastodon "Request your archive": outbox.json (Create + Announce), actor.json and media_attachments/. */
export const mastodonOutboxSource: Source = {
  name: 'mastodon-outbox',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    try {
      if (!input.isDirectory && !/\.zip$/i.test(input.path)) {
        if (!/\.json$/i.test(input.path)) return false;
        return looksLikeOutbox((await readHead(input.path, 4096)).toString('utf8'));
      }
      return await withInput(input, async (a) => {
        const e = findOutbox(a);
        if (!e) return false;
        const s = await a.open(e);
        let head = '';
        for await (const c of s) {
          head += (c as Buffer).toString('utf8');
          if (head.length >= 4096) break;
        }
        s.destroy();
        return looksLikeOutbox(head);
      });
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readOutbox(input, options);
  },
};

async function* readOutbox(input: ImportInput, _options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    const outbox = findOutbox(archive);
    if (!outbox) throw new ImportError('no outbox.json found: not a Mastodon archive', input.displayPath);
    const base = dirName(outbox.path);
    const actors = new Map<string, Author>();
    const actorEntry =
      archive.kind === 'file' ? undefined : archive.get(joinInside(base, 'actor.json') ?? 'actor.json');
    if (actorEntry) {
      try {
        const a = obj(await readSmallJson(archive, actorEntry));
        const id = str(a?.id);
        if (id) {
          const host = /^https?:\/\/([^/]+)/.exec(id)?.[1];
          const user = str(a?.preferredUsername);
          actors.set(id, {
            id,
            ...(user ? { handle: host ? `${user}@${host}` : user } : {}),
            ...(str(a?.name) ? { displayName: str(a?.name) } : {}),
          });
        }
      } catch (err) {
        yield { kind: 'warning', origin: actorEntry.path, message: `actor.json unreadable: ${(err as Error).message}` };
      }
    }
    const mediaByTail = new Map<string, ArchiveEntry>();
    for (const e of archive.entries) {
      const i = e.path.indexOf('media_attachments/');
      if (i >= 0) mediaByTail.set(e.path.slice(i), e);
    }
    const loader = new MediaLoader(archive);
    const seen = new Set<string>();
    let messages = 0;
    let duplicates = 0;
    let arrays = 0;
    let fatal: ImportError | undefined;
    for await (const it of streamJsonEntry(archive, outbox, {
      capture: (p) => p.length === 1 && p[0] === 'orderedItems',
      scalarDepth: 1,
    })) {
      if (it.kind === 'fatal') {
        fatal = new ImportError(it.reason, entryLabel(archive, outbox), `offset=${it.offset}`);
        yield {
          kind: 'rejected',
          origin: outbox.path,
          place: `offset=${it.offset}`,
          reason: `${it.reason}; the rest of this file was not read`,
        };
        break;
      }
      if (it.kind === 'array-start') arrays++;
      if (it.kind === 'bad')
        yield { kind: 'rejected', origin: outbox.path, place: `offset=${it.offset}`, reason: it.reason };
      if (it.kind !== 'element') continue;
      const place = `offset=${it.offset}`;
      const act = obj(it.value);
      const type = str(act?.type);
      if (!act || (type !== 'Create' && type !== 'Announce')) {
        // counted where the summary shows it, not dropped in silence
        yield {
          kind: 'rejected',
          origin: outbox.path,
          place,
          reason: act
            ? `activity of type ${type ?? '(none)'} is not a post (only Create and Announce are)`
            : 'item is not an object',
        };
        continue;
      }
      const actId = str(act.id) ?? '';
      if (actId && seen.has(actId)) {
        duplicates++;
        continue;
      }
      if (actId) seen.add(actId);
      const conv = toMessage(act, actors);
      if (typeof conv === 'string') {
        yield { kind: 'rejected', origin: outbox.path, place, reason: conv };
        continue;
      }
      const media: Media[] = [];
      for (const att of arr(obj(act.object)?.attachment)) {
        const a = obj(att);
        const url = str(a?.url);
        if (!a || !url) continue;
        const mime = str(a.mediaType) ?? mimeFromName(url);
        const i = url.indexOf('media_attachments/');
        const member = i >= 0 ? mediaByTail.get(url.slice(i)) : undefined;
        if (member) {
          const got = await loader.load(member, mime);
          yield* got.items;
          media.push(got.media);
        } else media.push({ url, ...(mime ? { mime } : {}) });
      }
      messages++;
      yield { kind: 'message', message: { ...conv, media }, origin: outbox.path, place };
    }
    if (arrays > 1)
      yield {
        kind: 'warning',
        origin: outbox.path,
        message: `the key orderedItems appears ${arrays} times; items of every copy were read${duplicates ? ` (${duplicates} repeated activities skipped)` : ''}`,
      };
    if (messages === 0 && fatal) throw fatal;
  } finally {
    await archive.close();
  }
}

function toMessage(act: Obj, actors: Map<string, Author>): RawMessage | string {
  const actorId = str(act.actor) ?? '';
  const author: Author = actors.get(actorId) ?? { id: actorId || 'unknown' };
  if (act.type === 'Announce') {
    const target = str(act.object) ?? str(obj(act.object)?.id);
    const postedAt = normalizeIsoWithOffset(str(act.published) ?? '');
    if (!postedAt) return `Announce ${str(act.id)}: no readable published date`;
    if (!target) return `Announce ${str(act.id)}: no object`;
    const targetAuthor = actorOfStatus(target);
    return {
      platform: 'mastodon',
      nativeId: statusId(str(act.id) ?? target),
      author,
      postedAt,
      text: '',
      media: [],
      repostOf: { nativeId: statusId(target), url: target, ...(targetAuthor ? { authorId: targetAuthor } : {}) },
    };
  }
  const note = obj(act.object);
  if (!note) return `Create ${str(act.id)}: object is not embedded`;
  const postedAt = normalizeIsoWithOffset(str(note.published) ?? str(act.published) ?? '');
  if (!postedAt) return `Create ${str(act.id)}: no readable published date`;
  const id = str(note.id);
  if (!id) return `Create ${str(act.id)}: note without id`;
  const body = htmlToText(str(note.content) ?? '');
  const summary = str(note.summary);
  const lang = Object.keys(obj(note.contentMap) ?? {})[0];
  const reply = str(note.inReplyTo);
  const replyAuthor = reply ? actorOfStatus(reply) : undefined;
  const poll = pollOf(note);
  return {
    platform: 'mastodon',
    nativeId: statusId(id),
    url: str(note.url) ?? id,
    author,
    postedAt,
    // A content warning is part of what the author wrote: it heads the text.
    text: summary ? `${summary}\n\n${body}` : body,
    ...(lang ? { lang } : {}),
    media: [],
    ...(poll ? { kind: 'poll' as const, poll } : {}),
    ...(reply
      ? { replyTo: { nativeId: statusId(reply), url: reply, ...(replyAuthor ? { authorId: replyAuthor } : {}) } }
      : {}),
  };
}

/** A Question's options (oneOf, or anyOf when several may be chosen) with their vote counts. */
function pollOf(note: Obj): Poll | undefined {
  if (note.type !== 'Question') return undefined;
  const multiple = Array.isArray(note.anyOf);
  const options = arr(multiple ? note.anyOf : note.oneOf)
    .map(obj)
    .filter((o): o is Obj => o !== undefined)
    .map((o) => {
      const votes = Number(obj(o.replies)?.totalItems);
      return { title: str(o.name) ?? '', ...(Number.isInteger(votes) && votes >= 0 ? { votes } : {}) };
    });
  if (options.length === 0) return undefined;
  const voters = Number(note.votersCount);
  const endsAt = str(note.endTime) ?? str(note.closed);
  return {
    options,
    ...(Number.isInteger(voters) && voters >= 0 ? { votersCount: voters } : {}),
    ...(multiple ? { multiple } : {}),
    ...(endsAt ? { endsAt } : {}),
  };
}
