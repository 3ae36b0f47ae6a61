import type { Media } from '../../core/message.ts';
import type { RawMessage } from '../source.ts';
import { normalizeIsoWithOffset } from '../time.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** `at://did:plc:x/app.bsky.feed.post/3k...` */
export function parseAtUri(uri: string | undefined): { did: string; collection: string; rkey: string } | undefined {
  const m = uri ? /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) : null;
  return m ? { did: m[1], collection: m[2], rkey: m[3] } : undefined;
}

function media(embed: Obj | undefined): Media[] {
  if (!embed) return [];
  const images = Array.isArray(embed.images)
    ? embed.images
    : ((obj(embed.media)?.images as unknown[] | undefined) ?? []);
  const out: Media[] = [];
  for (const i of images) {
    const b = obj(obj(i)?.image);
    const ref = str(obj(b?.ref)?.$link);
    if (b) out.push({ ...(str(b.mimeType) ? { mime: str(b.mimeType) } : {}), ...(ref ? { originalName: ref } : {}) });
  }
  const video = obj(embed.video);
  const vref = str(obj(video?.ref)?.$link);
  if (video)
    out.push({
      ...(str(video.mimeType) ? { mime: str(video.mimeType) } : {}),
      ...(vref ? { originalName: vref } : {}),
    });
  return out;
}

/**
 * An app.bsky.feed.post record (its JSON form, as the AppView and Jetstream give it) as a message, with
 * the same identity as the repository (CAR) import: author id the DID, native id the record key.
 */
export function postRecordToMessage(did: string, rkey: string, record: Obj, handle?: string): RawMessage | string {
  if (typeof record.text !== 'string') return `post ${rkey}: no text`;
  const postedAt = normalizeIsoWithOffset(str(record.createdAt) ?? '');
  if (!postedAt) return `post ${rkey}: unreadable createdAt ${JSON.stringify(record.createdAt)}`;
  const langs = Array.isArray(record.langs) ? record.langs.filter((l): l is string => typeof l === 'string') : [];
  const parent = parseAtUri(str(obj(obj(record.reply)?.parent)?.uri));
  return {
    platform: 'bluesky',
    nativeId: rkey,
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
    author: { id: did, ...(handle ? { handle } : {}) },
    postedAt,
    text: record.text,
    ...(langs[0] ? { lang: langs[0] } : {}),
    media: media(obj(record.embed)),
    ...(parent ? { replyTo: { nativeId: parent.rkey, authorId: parent.did } } : {}),
  };
}
