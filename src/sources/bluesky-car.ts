import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';
import { ImportError, UsageError } from '../core/errors.ts';
import type { Media } from '../core/message.ts';
import type { Archive, ArchiveEntry } from './archive/archive.ts';
import { openInput, readHead, withInput } from './archive/open-input.ts';
import { digestOf, repairOneByte, type ScannedCar, scanCar } from './bluesky/car-scan.ts';
import { isMstNode, nodeEntries, walkMst } from './bluesky/mst.ts';
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

/** A repository export is held whole: its blocks are looked up by CID in any order. */
const MAX_CAR_BYTES = 2 * 1024 ** 3 - 1;
const RECORD_COLLECTIONS = new Set(['app.bsky.feed.post', 'app.bsky.feed.repost']);

/** `--opt did=…`: the account, for a CAR whose commit (the only block naming it) is lost. */
function didOption(options: SourceOptions): string | undefined {
  const v = options.did;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^did:[a-z]+:[A-Za-z0-9._:%-]+$/.test(v))
    throw new UsageError(`--opt did= expects an account DID such as did:plc:abc123, got ${JSON.stringify(v)}`, v);
  return v;
}

async function* readCars(input: ImportInput, options: SourceOptions): AsyncGenerator<SourceItem> {
  const givenDid = didOption(options);
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
      const car = scanCar(await archive.readBytes(entry, MAX_CAR_BYTES));
      for (const d of car.damage)
        yield { kind: 'rejected', origin: entry.path, place: `offset=${d.offset}`, reason: d.reason };
      for (const n of car.notes)
        yield { kind: 'warning', origin: entry.path, place: `offset=${n.offset}`, message: n.message };
      if (car.order.length === 0) {
        firstFatal ??= new ImportError('unreadable CAR: no block in it hashes to its CID', label, 'offset=0');
        continue;
      }
      const repo = new RepoBlocks(car);
      const commit = findCommit(car, repo);
      for (const w of commit.warnings)
        yield { kind: 'warning', origin: entry.path, place: w.place, message: w.message };
      const walked: Walked = { keys: new Set(), kept: new Set(), named: [] };
      let walkBroke = car.damage.length > 0 || !commit.did;
      if (commit.did && commit.data) {
        let n = 0;
        for (const rec of walkMst((cid) => repo.decode(cid), commit.data)) {
          n++;
          const place = `index=${n}`;
          if ('error' in rec) {
            walkBroke = true;
            yield {
              kind: 'rejected',
              origin: entry.path,
              place,
              reason: `${rec.error}; its records are looked for among all blocks`,
            };
            continue;
          }
          walked.keys.add(rec.key);
          walked.named.push(rec);
          const [collection, rkey] = rec.key.split('/') as [string, string];
          if (!RECORD_COLLECTIONS.has(collection)) continue;
          const item = recordItem(repo, commit.did, rec.cid, { collection, rkey }, entry.path, place);
          if (item.kind === 'message') {
            walked.kept.add(repo.digest(rec.cid));
            total++;
          } else walkBroke = true;
          yield item;
        }
      }
      if (walkBroke) {
        for (const item of scanRecords(car, repo, commit.did ?? givenDid, walked, entry.path)) {
          if (item.kind === 'message') total++;
          yield item;
        }
      }
      if (!commit.did && !givenDid) {
        const reason =
          'no repository commit (did/data) could be read: the author of the records is unknown; pass --opt did=<the account DID> to keep them';
        firstFatal ??= new ImportError(reason, label, 'offset=0');
        yield { kind: 'rejected', origin: entry.path, place: 'offset=0', reason };
      }
    }
    if (total === 0 && firstFatal) throw firstFatal;
  } finally {
    await archive.close();
  }
}

/** Verified blocks by CID; a block whose own CID header was damaged is found through a verified link to it. */
class RepoBlocks {
  constructor(private readonly car: ScannedCar) {}
  digest(cid: CID): string {
    return digestOf(cid) ?? cid.toString();
  }
  bytes(cid: CID): Uint8Array | undefined {
    const key = this.digest(cid);
    return this.car.blocks.get(key)?.bytes ?? this.car.loose.get(key)?.bytes;
  }
  decode(cid: CID): unknown {
    const b = this.bytes(cid);
    return b ? dagCbor.decode(b) : undefined;
  }
}

interface Commit {
  did?: string;
  data?: CID;
  warnings: { place: string; message: string }[];
}

function commitOf(value: unknown): { did: string; data: CID } | undefined {
  const c = obj(value);
  const did = str(c?.did);
  const data = CID.asCID(c?.data);
  return did && data && typeof c?.version === 'number' ? { did, data } : undefined;
}

function tryDecode(b: Uint8Array | undefined): unknown {
  try {
    return b ? dagCbor.decode(b) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commit names the account (DID) and the tree; without it no record has an author. It is the
 * header's root; if that is lost, the block shaped like a commit; if the commit block is damaged,
 * a one-byte error in it is put right against its CID (a commit is a few hundred bytes).
 */
function findCommit(car: ScannedCar, repo: RepoBlocks): Commit {
  const root = car.roots?.[0];
  const fromRoot = root ? commitOf(tryDecode(repo.bytes(root))) : undefined;
  if (fromRoot) return { ...fromRoot, warnings: [] };
  for (const b of car.order) {
    const c = commitOf(tryDecode(b.bytes));
    if (c)
      return {
        ...c,
        warnings: [
          {
            place: `offset=${b.offset}`,
            message: `repository commit ${b.cid} found by its shape (the CAR root is lost)`,
          },
        ],
      };
  }
  const rootDigest = root ? digestOf(root) : undefined;
  // without a root, the first damaged blocks (a PDS writes the commit first); each try costs ~100k hashes
  let tries = 0;
  for (const d of car.damage) {
    const want = d.cid ? digestOf(d.cid) : undefined;
    if (!d.data || !want || (rootDigest && want !== rootDigest)) continue;
    if (++tries > 4) break;
    const fixed = repairOneByte(d.data, want);
    const c = fixed ? commitOf(tryDecode(fixed)) : undefined;
    if (c && fixed) {
      let at = 0;
      while (at < fixed.length && fixed[at] === d.data[at]) at++;
      return {
        ...c,
        warnings: [
          {
            place: `offset=${d.offset}`,
            message: `repository commit ${d.cid} had one damaged byte (${at} bytes into its data); put right against its CID`,
          },
        ],
      };
    }
  }
  return { warnings: [] };
}

interface Named {
  key: string;
  cid: CID;
}

/** What the walk from the root did: keys it reported (kept or rejected), digests it kept, keys it read. */
interface Walked {
  keys: Set<string>;
  kept: Set<string>;
  named: Named[];
}

/** Record keys by record digest, from the walk and from every verified tree node, reachable or not. */
function namesByDigest(car: ScannedCar, repo: RepoBlocks, walked: Named[]): Map<string, Named[]> {
  const names = new Map<string, Named[]>();
  const add = (n: Named) => {
    const d = repo.digest(n.cid);
    const list = names.get(d) ?? [];
    if (!list.some((x) => x.key === n.key)) list.push(n);
    names.set(d, list);
  };
  walked.forEach(add);
  for (const b of car.order) {
    const node = tryDecode(b.bytes);
    if (!isMstNode(node)) continue;
    for (const it of nodeEntries(node, b.cid).items) if ('key' in it) add(it);
  }
  return names;
}

const collectionOf = (key: string) => key.slice(0, key.indexOf('/'));

/**
 * After a broken walk: every verified block that is a post or repost and was not yet kept. Its
 * rkey comes from any verified tree node naming it (a node reads on its own, so only the node
 * holding the entry matters); when none does, its id is `cid:<record CID>`, which depends only on
 * the record's bytes. Records the nodes name whose blocks are lost are reported by CID.
 */
function* scanRecords(
  car: ScannedCar,
  repo: RepoBlocks,
  did: string | undefined,
  walked: Walked,
  origin: string,
): Generator<SourceItem> {
  const names = namesByDigest(car, repo, walked.named);
  const noAuthor = (cid: CID, place: string): SourceItem => ({
    kind: 'rejected',
    origin,
    place,
    reason: `record ${cid}: the repository commit is lost, so its author is unknown (pass --opt did=…)`,
  });
  const seen = new Set<string>();
  for (const b of car.order) {
    const d = repo.digest(b.cid);
    seen.add(d);
    const type = str(obj(tryDecode(b.bytes))?.$type);
    if (!type || !RECORD_COLLECTIONS.has(type)) continue;
    const place = `offset=${b.offset}`;
    if (!did) {
      yield noAuthor(b.cid, place);
      continue;
    }
    const named = (names.get(d) ?? []).filter((n) => collectionOf(n.key) === type);
    if (named.length === 0 && !walked.kept.has(d))
      yield recordItem(repo, did, b.cid, { collection: type }, origin, place);
    for (const n of named) {
      if (walked.keys.has(n.key)) continue;
      yield recordItem(repo, did, b.cid, { collection: type, rkey: n.key.slice(type.length + 1) }, origin, place);
    }
  }
  // named by a verified node but not among the verified blocks: found through that link, or lost
  for (const [d, list] of names) {
    if (seen.has(d)) continue;
    const loose = car.loose.get(d);
    for (const n of list) {
      const collection = collectionOf(n.key);
      if (walked.keys.has(n.key) || !RECORD_COLLECTIONS.has(collection)) continue;
      const place = loose ? `offset=${loose.offset}` : `key=${n.key}`;
      if (!loose)
        yield { kind: 'rejected', origin, place, reason: `record ${n.key}: block ${n.cid} missing or damaged` };
      else if (!did) yield noAuthor(n.cid, place);
      else yield recordItem(repo, did, n.cid, { collection, rkey: n.key.slice(collection.length + 1) }, origin, place);
    }
  }
}

function recordItem(
  repo: RepoBlocks,
  did: string,
  cid: CID,
  id: { collection: string; rkey?: string },
  origin: string,
  place: string,
): SourceItem {
  const name = id.rkey ? `${id.collection}/${id.rkey}` : `${cid}`;
  let value: Obj | undefined;
  try {
    value = obj(repo.decode(cid));
  } catch (err) {
    return { kind: 'rejected', origin, place, reason: `record ${name}: ${(err as Error).message}` };
  }
  if (!value)
    return {
      kind: 'rejected',
      origin,
      place,
      reason: `record ${name}: block missing from the CAR or damaged (${cid})`,
    };
  const msg = toMessage(did, id.collection, id.rkey, cid, value);
  if (typeof msg === 'string') return { kind: 'rejected', origin, place, reason: `record ${name}: ${msg}` };
  return { kind: 'message', message: msg, origin, place };
}

function toMessage(did: string, collection: string, rkey: string | undefined, cid: CID, v: Obj): RawMessage | string {
  const postedAt = normalizeIsoWithOffset(str(v.createdAt) ?? '');
  if (!postedAt) return `unreadable createdAt ${JSON.stringify(v.createdAt)}`;
  const base = {
    platform: 'bluesky',
    nativeId: rkey ?? `cid:${cid}`,
    url: rkey ? postUrl(did, rkey) : undefined,
    author: { id: did },
    postedAt,
  };
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
