import { CarBlockIterator } from '@ipld/car';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { ImportError } from '../core/errors.ts';
import type { Media } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { entryLabel } from './read-json.ts';
import type { ImportInput, RawMessage, Source, SourceItem, SourceOptions } from './source.ts';
import { normalizeIsoWithOffset } from './time.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as Obj) : undefined;

/** A CARv1 starts with a varint length and a dag-cbor map holding `roots` and `version`. */
export function looksLikeCar(head: Uint8Array): boolean {
  if (head.length < 12) return false;
  const text = Buffer.from(head.subarray(0, 80)).toString('latin1');
  return head[1] === 0xa2 && text.includes('roots') && text.includes('version');
}

function carEntries(archive: Archive): ArchiveEntry[] {
  return archive.kind === 'file' ? [...archive.entries] : archive.entries.filter((e) => /\.car$/i.test(e.name));
}

function postUrl(did: string, rkey: string): string {
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}

/** `at://did:plc:x/app.bsky.feed.post/3k...` */
function parseAtUri(uri: string | undefined): { did: string; collection: string; rkey: string } | undefined {
  const m = uri ? /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) : null;
  return m ? { did: m[1] as string, collection: m[2] as string, rkey: m[3] as string } : undefined;
}

function refFromUri(uri: string | undefined) {
  const p = parseAtUri(uri);
  if (!p) return undefined;
  return {
    nativeId: p.rkey,
    authorId: p.did,
    ...(p.collection === 'app.bsky.feed.post' ? { url: postUrl(p.did, p.rkey) } : {}),
  };
}

function blobMedia(image: unknown): Media | undefined {
  const b = obj(image);
  if (!b) return undefined;
  const ref = b.ref instanceof CID ? b.ref.toString() : (str(b.cid) ?? str(obj(b.ref)?.$link));
  const media: Media = {};
  if (str(b.mimeType)) media.mime = str(b.mimeType);
  if (typeof b.size === 'number' && b.size >= 0) media.bytes = b.size;
  if (ref) media.originalName = ref;
  return media;
}

function embedMedia(embed: Obj | undefined): Media[] {
  if (!embed) return [];
  const type = str(embed.$type) ?? '';
  if (type === 'app.bsky.embed.images') {
    return (Array.isArray(embed.images) ? embed.images : [])
      .map((i) => blobMedia(obj(i)?.image))
      .filter((m): m is Media => !!m);
  }
  if (type === 'app.bsky.embed.video') {
    const m = blobMedia(embed.video);
    return m ? [m] : [];
  }
  if (type === 'app.bsky.embed.recordWithMedia') return embedMedia(obj(embed.media));
  return [];
}

/** Bluesky repository CAR (Settings > Export my data): app.bsky.feed.post and repost records. */
export const blueskyCarSource: Source = {
  name: 'bluesky-car',
  version: '1.0.0',
  async detect(input: ImportInput): Promise<boolean> {
    try {
      if (!input.isDirectory && !/\.zip$/i.test(input.path)) return looksLikeCar(await readHead(input.path, 80));
      return await withInput(input, async (a) => carEntries(a).length > 0);
    } catch {
      return false;
    }
  },
  read(input: ImportInput, options: SourceOptions): AsyncIterable<SourceItem> {
    return readCars(input, options);
  },
};

async function* readCars(input: ImportInput, _options: SourceOptions): AsyncGenerator<SourceItem> {
  const archive = await openInput(input);
  try {
    for (const r of archive.refused) yield { kind: 'rejected', origin: r.path, place: 'entry', reason: r.reason };
    const cars = carEntries(archive);
    if (cars.length === 0)
      throw new ImportError('no .car file found: not a Bluesky repository export', input.displayPath);
    let total = 0;
    let firstFatal: ImportError | undefined;
    for (const entry of cars) {
      const label = entryLabel(archive, entry);
      const blocks = new Map<string, Uint8Array>();
      let roots: CID[] = [];
      let index = 0;
      try {
        const it = await CarBlockIterator.fromIterable(await archive.open(entry));
        roots = await it.getRoots();
        for await (const block of it) {
          index++;
          if (block.cid.multihash.code === sha256.code) {
            const d = await sha256.digest(block.bytes);
            if (Buffer.compare(Buffer.from(d.bytes), Buffer.from(block.cid.multihash.bytes)) !== 0) {
              yield {
                kind: 'rejected',
                origin: entry.path,
                place: `block=${index}`,
                reason: `block ${block.cid} does not hash to its CID; ignored`,
              };
              continue;
            }
          }
          blocks.set(block.cid.toString(), block.bytes);
        }
      } catch (err) {
        const reason = `unreadable CAR after ${index} blocks: ${(err as Error).message}`;
        if (blocks.size === 0) {
          firstFatal ??= new ImportError(reason, label, `block=${index}`);
          yield { kind: 'rejected', origin: entry.path, place: `block=${index}`, reason };
          continue;
        }
        yield {
          kind: 'rejected',
          origin: entry.path,
          place: `block=${index}`,
          reason: `${reason}; records in the blocks read so far are kept`,
        };
      }
      const root = roots[0];
      const commit = root ? obj(decodeBlock(blocks, root)) : undefined;
      const did = str(commit?.did);
      if (!commit || !did || !(commit.data instanceof CID)) {
        const reason = 'the root block is not a repository commit (no did/data)';
        firstFatal ??= new ImportError(reason, label, 'index=0');
        yield { kind: 'rejected', origin: entry.path, place: 'index=0', reason };
        continue;
      }
      let n = 0;
      for (const rec of walkMst(blocks, commit.data)) {
        n++;
        const place = `index=${n}`;
        if ('error' in rec) {
          yield { kind: 'rejected', origin: entry.path, place, reason: rec.error };
          continue;
        }
        const [collection, rkey] = rec.key.split('/') as [string, string];
        if (collection !== 'app.bsky.feed.post' && collection !== 'app.bsky.feed.repost') continue;
        let value: Obj | undefined;
        try {
          value = obj(decodeBlock(blocks, rec.cid));
        } catch (err) {
          yield { kind: 'rejected', origin: entry.path, place, reason: `record ${rec.key}: ${(err as Error).message}` };
          continue;
        }
        if (!value) {
          yield {
            kind: 'rejected',
            origin: entry.path,
            place,
            reason: `record ${rec.key}: block missing from the CAR`,
          };
          continue;
        }
        const msg = toMessage(did, collection, rkey, value);
        if (typeof msg === 'string') {
          yield { kind: 'rejected', origin: entry.path, place, reason: `record ${rec.key}: ${msg}` };
          continue;
        }
        total++;
        yield { kind: 'message', message: msg, origin: entry.path, place };
      }
    }
    if (total === 0 && firstFatal) throw firstFatal;
  } finally {
    await archive.close();
  }
}

function decodeBlock(blocks: Map<string, Uint8Array>, cid: CID): unknown {
  const bytes = blocks.get(cid.toString());
  return bytes ? dagCbor.decode(bytes) : undefined;
}

type MstRecord = { key: string; cid: CID } | { error: string };

/** In-order walk of the repository's Merkle Search Tree: node {l, e: [{p, k, v, t}]}. */
function* walkMst(blocks: Map<string, Uint8Array>, rootCid: CID): Generator<MstRecord> {
  // explicit in-order traversal: a node expands into [l, e0, t0, e1, t1, ...]
  type Work = { node: CID } | { rec: MstRecord };
  const work: Work[] = [{ node: rootCid }];
  let visited = 0;
  while (work.length > 0) {
    const w = work.pop() as Work;
    if ('rec' in w) {
      yield w.rec;
      continue;
    }
    if (++visited > 10_000_000) return;
    let node: Obj | undefined;
    try {
      node = obj(decodeBlock(blocks, w.node));
    } catch (err) {
      yield { error: `MST node ${w.node}: ${(err as Error).message}` };
      continue;
    }
    if (!node) {
      yield { error: `MST node ${w.node} missing from the CAR` };
      continue;
    }
    const expanded: Work[] = [];
    if (node.l instanceof CID) expanded.push({ node: node.l });
    let prev = '';
    for (const e of Array.isArray(node.e) ? node.e : []) {
      const entry = obj(e);
      const k = entry?.k;
      const p = typeof entry?.p === 'number' ? entry.p : 0;
      if (!(k instanceof Uint8Array) || !(entry?.v instanceof CID)) {
        expanded.push({ rec: { error: `MST node ${w.node}: malformed entry` } });
        continue;
      }
      const key = prev.slice(0, p) + Buffer.from(k).toString('utf8');
      prev = key;
      expanded.push({ rec: { key, cid: entry.v } });
      if (entry.t instanceof CID) expanded.push({ node: entry.t });
    }
    for (let i = expanded.length - 1; i >= 0; i--) work.push(expanded[i] as Work);
  }
}

function toMessage(did: string, collection: string, rkey: string, v: Obj): RawMessage | string {
  const postedAt = normalizeIsoWithOffset(str(v.createdAt) ?? '');
  if (!postedAt) return `unreadable createdAt ${JSON.stringify(v.createdAt)}`;
  const base = { platform: 'bluesky', nativeId: rkey, url: postUrl(did, rkey), author: { id: did }, postedAt };
  if (collection === 'app.bsky.feed.repost') {
    const ref = refFromUri(str(obj(v.subject)?.uri));
    if (!ref) return 'repost without a subject uri';
    return { ...base, url: undefined, text: '', media: [], repostOf: ref };
  }
  if (typeof v.text !== 'string') return 'post without text';
  const langs = Array.isArray(v.langs) ? v.langs.filter((l): l is string => typeof l === 'string') : [];
  const reply = refFromUri(str(obj(obj(v.reply)?.parent)?.uri));
  return {
    ...base,
    text: v.text,
    ...(langs[0] ? { lang: langs[0] } : {}),
    media: embedMedia(obj(v.embed)),
    ...(reply ? { replyTo: reply } : {}),
  };
}
