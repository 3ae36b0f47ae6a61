import { ImportError } from '../core/errors.ts';
import type { Author, Media } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { baseName, dirName } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { MediaLoader, mimeFromName } from './media.ts';
import { entryLabel, readSmallJson, streamJsonEntry } from './read-json.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from './source.ts';
import { stripBom } from './text/bom.ts';
import { parseTwitterDate } from './time.ts';

const TWEETS_FILE = /^(?:tweets?|tweets?-part\d+)\.js$/;
const DELETED_FILE = /^deleted-tweets(?:-part\d+)?\.js$/;

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function partOrder(name: string): number {
  const m = /-part(\d+)\.js$/.exec(name);
  return m ? Number(m[1]) : 0;
}

function findTweetFiles(
  archive: Archive,
): { main: ArchiveEntry[]; deleted: ArchiveEntry[]; dataDir: string } | undefined {
  if (archive.kind === 'file') {
    const e = archive.entries[0] as ArchiveEntry;
    if (DELETED_FILE.test(e.name)) return { main: [], deleted: [e], dataDir: '' };
    return { main: [e], deleted: [], dataDir: '' };
  }
  const main = archive.entries.filter((e) => TWEETS_FILE.test(e.name) && /(^|\/)data$/.test(dirName(e.path)));
  if (main.length === 0) return undefined;
  const dataDir = dirName((main[0] as ArchiveEntry).path);
  const inDir = (e: ArchiveEntry) => dirName(e.path) === dataDir;
  return {
    main: main.filter(inDir).sort((a, b) => partOrder(a.name) - partOrder(b.name)),
    deleted: archive.entries
      .filter((e) => inDir(e) && DELETED_FILE.test(e.name))
      .sort((a, b) => partOrder(a.name) - partOrder(b.name)),
    dataDir,
  };
}

interface NoteTweet {
  createdAt: number;
  text: string;
  used: boolean;
}

function expandNote(core: Obj): string {
  let text = str(core.text) ?? '';
  for (const u of arr(core.urls)) {
    const o = obj(u);
    const short = str(o?.shortUrl);
    const long = str(o?.expandedUrl);
    if (short && long) text = text.split(short).join(long);
  }
  return text;
}

/** X/Twitter account archive: data/tweets.js (+ parts), deleted-tweets.js, note-tweet.js, tweets_media/. */
export const twitterArchiveSource: Source = {
  name: 'twitter-archive',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    if (!input.isDirectory && !/\.zip$/i.test(input.path)) {
      const name = baseName(input.path.replace(/\\/g, '/'));
      if (!/\.js$/i.test(name)) return false;
      const head = stripBom((await readHead(input.path, 256)).toString('utf8'));
      return /^\s*window\.YTD\.(tweets?|deleted_tweets)\.part\d+\s*=/.test(head);
    }
    try {
      return await withInput(input, async (a) => findTweetFiles(a) !== undefined);
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readTwitter(input, options);
  },
};

async function* readTwitter(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    const files = findTweetFiles(archive);
    if (!files) throw new ImportError('no data/tweets.js found: not a Twitter/X archive', input.displayPath);
    const at = (name: string) => archive.get(files.dataDir ? `${files.dataDir}/${name}` : name);

    let author: Author = {
      id: str(options['account-id']) ?? 'unknown',
      ...(str(options.handle) ? { handle: str(options.handle) } : {}),
    };
    const accountEntry = archive.kind === 'file' ? undefined : at('account.js');
    if (accountEntry) {
      try {
        const acc = obj(obj(arr(await readSmallJson(archive, accountEntry))[0])?.account);
        if (acc && str(acc.accountId))
          author = {
            id: str(acc.accountId) as string,
            handle: str(acc.username),
            displayName: str(acc.accountDisplayName),
          };
      } catch (err) {
        yield {
          kind: 'warning',
          origin: accountEntry.path,
          message: `account.js unreadable: ${(err as Error).message}`,
        };
      }
    }
    if (author.id === 'unknown')
      yield {
        kind: 'warning',
        origin: '',
        message:
          'no data/account.js: the account is unknown; pass --opt account-id=<id> (and --opt handle=<name>) so tweets get their author',
      };

    const notes: NoteTweet[] = [];
    const noteEntry = archive.kind === 'file' ? undefined : at('note-tweet.js');
    if (noteEntry) {
      try {
        for (const n of arr(await readSmallJson(archive, noteEntry))) {
          const nt = obj(obj(n)?.noteTweet);
          const core = obj(nt?.core);
          const created = Date.parse(str(nt?.createdAt) ?? '');
          if (core && !Number.isNaN(created))
            notes.push({ createdAt: Math.floor(created / 1000), text: expandNote(core), used: false });
        }
      } catch (err) {
        yield {
          kind: 'rejected',
          origin: noteEntry.path,
          place: 'offset=0',
          reason: `note tweets unreadable: ${(err as Error).message}`,
        };
      }
    }

    const mediaByTweet = new Map<string, ArchiveEntry[]>();
    for (const e of archive.entries) {
      const dir = dirName(e.path);
      if (!/(^|\/)(deleted_)?tweets?_media$/.test(dir)) continue;
      const id = /^(\d+)-/.exec(e.name)?.[1];
      if (!id) continue;
      const list = mediaByTweet.get(id) ?? [];
      list.push(e);
      mediaByTweet.set(id, list);
    }
    const loader = new MediaLoader(archive);
    let messages = 0;
    let firstFatal: ImportError | undefined;

    const all = [
      ...files.main.map((e) => ({ e, deleted: false })),
      ...files.deleted.map((e) => ({ e, deleted: true })),
    ];
    for (const { e: entry, deleted } of all) {
      for await (const it of streamJsonEntry(archive, entry, { capture: (p) => p.length === 0, allowPrefix: true })) {
        if (it.kind === 'fatal') {
          firstFatal ??= new ImportError(it.reason, entryLabel(archive, entry), `offset=${it.offset}`);
          yield {
            kind: 'rejected',
            origin: entry.path,
            place: `offset=${it.offset}`,
            reason: `${it.reason}; the rest of this file was not read`,
          };
          break;
        }
        if (it.kind === 'bad') {
          yield { kind: 'rejected', origin: entry.path, place: `offset=${it.offset}`, reason: it.reason };
          continue;
        }
        if (it.kind !== 'element') continue;
        const place = `offset=${it.offset}`;
        const wrapper = obj(it.value);
        const tweet = obj(wrapper?.tweet) ?? wrapper;
        if (!tweet) {
          yield { kind: 'rejected', origin: entry.path, place, reason: 'element is not a tweet object' };
          continue;
        }
        const result = toMessage(tweet, author, deleted, notes);
        if (typeof result === 'string') {
          yield { kind: 'rejected', origin: entry.path, place, reason: result };
          continue;
        }
        const media: Media[] = [];
        const files = mediaByTweet.get(result.nativeId) ?? [];
        const used = new Set<string>();
        for (const m of result.mediaRefs) {
          const match =
            files.find((f) => !used.has(f.path) && m.names.some((n) => f.name === `${result.nativeId}-${n}`)) ??
            (m.loose ? files.find((f) => !used.has(f.path)) : undefined);
          if (match) {
            used.add(match.path);
            const got = await loader.load(match);
            yield* got.items;
            media.push(got.media);
          } else media.push({ url: m.url, ...(mimeFromName(m.url) ? { mime: mimeFromName(m.url) } : {}) });
        }
        messages++;
        yield { kind: 'message', message: { ...result.message, media }, origin: entry.path, place };
      }
    }
    if (messages === 0 && firstFatal) throw firstFatal;
  } finally {
    await archive.close();
  }
}

interface MediaRef {
  url: string;
  names: string[];
  loose: boolean;
}

function toMessage(
  t: Obj,
  author: Author,
  deleted: boolean,
  notes: NoteTweet[],
): { message: RawMessage; nativeId: string; mediaRefs: MediaRef[] } | string {
  const id = str(t.id_str) ?? str(t.id);
  if (!id || !/^\d+$/.test(id)) return 'tweet without a numeric id_str';
  const createdRaw = str(t.created_at);
  const postedAt = createdRaw ? parseTwitterDate(createdRaw) : undefined;
  if (!postedAt)
    return createdRaw
      ? `tweet ${id}: unreadable created_at ${JSON.stringify(createdRaw)}`
      : `tweet ${id}: no created_at`;
  let text = unescapeHtml(str(t.full_text) ?? str(t.text) ?? '');
  const entities = obj(t.entities) ?? {};
  const ext = obj(t.extended_entities) ?? {};
  for (const u of arr(entities.urls)) {
    const o = obj(u);
    const short = str(o?.url);
    const long = str(o?.expanded_url);
    if (short && long) text = text.split(short).join(long);
  }
  const mediaList = arr(ext.media).length > 0 ? arr(ext.media) : arr(entities.media);
  const mediaRefs: MediaRef[] = [];
  for (const m of mediaList) {
    const o = obj(m);
    if (!o) continue;
    const short = str(o.url);
    const long = str(o.expanded_url);
    if (short && long) text = text.split(short).join(long);
    const url = str(o.media_url_https) ?? str(o.media_url) ?? long ?? '';
    const names = [baseName(url)];
    for (const v of arr(obj(o.video_info)?.variants)) {
      const vu = str(obj(v)?.url);
      if (vu) names.push(baseName(vu.split('?')[0] as string));
    }
    mediaRefs.push({ url, names, loose: str(o.type) !== 'photo' });
  }
  // A long post's tweet holds a truncated text; its note (same second) holds the whole text.
  const createdSec = Math.floor(Date.parse(postedAt) / 1000);
  const candidates = notes.filter((n) => !n.used && n.createdAt === createdSec);
  if (candidates.length > 0) {
    const prefix = text.slice(0, 40).replace(/…$/, '');
    const note =
      candidates.find((n) => n.text.startsWith(prefix.slice(0, 20))) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    if (note) {
      note.used = true;
      text = note.text;
    }
  }
  const lang = str(t.lang);
  const message: RawMessage = {
    platform: 'twitter',
    nativeId: id,
    url: author.handle ? `https://twitter.com/${author.handle}/status/${id}` : `https://twitter.com/i/web/status/${id}`,
    author,
    postedAt,
    text,
    ...(lang && lang !== 'und' ? { lang } : {}),
    media: [],
  };
  const replyId = str(t.in_reply_to_status_id_str) ?? str(t.in_reply_to_status_id);
  if (replyId) {
    const to = str(t.in_reply_to_screen_name);
    message.replyTo = {
      nativeId: replyId,
      ...(str(t.in_reply_to_user_id_str) ? { authorId: str(t.in_reply_to_user_id_str) } : {}),
      url: to ? `https://twitter.com/${to}/status/${replyId}` : `https://twitter.com/i/web/status/${replyId}`,
    };
  }
  if (/^RT @\w+:/.test(text) || t.retweeted === true) {
    const first = obj(arr(entities.user_mentions)[0]);
    const handle = /^RT @(\w+):/.exec(text)?.[1];
    const rs = obj(t.retweeted_status);
    message.repostOf = {
      // Archives keep the retweet's own id, not the original's; '' marks the original id as unknown.
      nativeId: str(rs?.id_str) ?? '',
      ...(str(first?.id_str) && str(first?.screen_name)?.toLowerCase() === handle?.toLowerCase()
        ? { authorId: str(first?.id_str) }
        : {}),
      ...(handle ? { url: `https://twitter.com/${handle}` } : {}),
    };
  }
  if (deleted) message.deleted = true;
  return { message, nativeId: id, mediaRefs };
}
