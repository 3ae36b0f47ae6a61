import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CarBlockIterator } from '@ipld/car';
import * as dagCbor from '@ipld/dag-cbor';
import fc from 'fast-check';
import { CID } from 'multiformats/cid';
import { ImportError, UsageError } from '../../src/core/errors.ts';
import { blueskyCarSource } from '../../src/sources/bluesky-car.ts';
import type { RawMessage } from '../../src/sources/source.ts';
import { DID } from '../fixtures/bluesky/make-car.ts';
import { type Collected, collect, fixture, inputOf, tempDir } from './helpers/fixtures.ts';

const INTACT = readFileSync(fixture('bluesky', 'repo.car'));
/** The commit's section: the first after the header (a 2-byte length, then CID and data). */
const COMMIT = INTACT.subarray(59, 59 + 2 + (((INTACT[59] as number) & 0x7f) | ((INTACT[60] as number) << 7)));

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

interface Post {
  cid: CID;
  /** The whole CAR section (length, CID, data) as the intact file holds it. */
  section: Buffer;
  rkey: string;
  /** The section of the tree node whose entry names this record. */
  node: Buffer;
  /** The message the intact file gives, without its id and url. */
  content: string;
}

/** Content of a message, without the parts that come from the record's key. */
const content = (m: RawMessage) => JSON.stringify({ ...m, nativeId: undefined, url: undefined });

/** The fixture's posts and reposts, found with @ipld/car (not with the code under test). */
async function fixturePosts(): Promise<Post[]> {
  const blocks: { cid: CID; value: Record<string, unknown>; section: Buffer }[] = [];
  for await (const b of await CarBlockIterator.fromBytes(INTACT)) {
    const section = Buffer.concat([varint(b.cid.bytes.length + b.bytes.length), b.cid.bytes, b.bytes]);
    assert.ok(INTACT.indexOf(section) > 0);
    blocks.push({ cid: b.cid, value: dagCbor.decode(b.bytes) as Record<string, unknown>, section });
  }
  const intact = await collect(blueskyCarSource, inputOf(fixture('bluesky', 'repo.car')));
  const posts: Post[] = [];
  for (const b of blocks) {
    if (!/^app\.bsky\.feed\.(post|repost)$/.test(String(b.value.$type))) continue;
    const node = blocks.find(
      (n) => Array.isArray(n.value.e) && n.value.e.some((e: { v: CID }) => CID.asCID(e.v)?.equals(b.cid)),
    ) as (typeof blocks)[number];
    const msg = intact.messages.find((m) => m.message.postedAt.slice(0, 16) === String(b.value.createdAt).slice(0, 16))
      ?.message as RawMessage;
    posts.push({ cid: b.cid, section: b.section, rkey: msg.nativeId, node: node.section, content: content(msg) });
  }
  assert.equal(posts.length, 4);
  return posts;
}

/**
 * The law: a post whose block is intact is kept, with its rkey when the tree node naming it is
 * intact too (else `cid:<CID>`); a post that is lost while its node is intact is named in a
 * rejection; any damage is reported; nothing kept differs from what the intact file says.
 */
function checkVariant(name: string, bytes: Buffer, got: Collected | ImportError, posts: Post[]): void {
  const all = new Set(posts.map((p) => p.content));
  if (got instanceof ImportError) {
    for (const p of posts)
      assert.ok(bytes.indexOf(p.section) < 0, `${name}: threw (${got.message}) with ${p.rkey} intact`);
    return;
  }
  const ids = got.messages.map((m) => m.message.nativeId);
  assert.equal(new Set(ids).size, ids.length, `${name}: a post kept twice: ${ids}`);
  for (const m of got.messages)
    assert.ok(all.has(content(m.message)), `${name}: kept a message the repo does not hold`);
  const reasons = [...got.rejected.map((r) => r.reason), ...got.warnings.map((w) => w.message)].join('\n');
  for (const p of posts) {
    const kept: Collected['messages'][number] | undefined = got.messages.find((m) => content(m.message) === p.content);
    if (bytes.indexOf(p.section) >= 0) assert.ok(kept, `${name}: lost ${p.rkey}, whose block is intact`);
    if (!kept) {
      // only an intact node still knows the record existed; then the loss is named
      if (bytes.indexOf(p.node) >= 0)
        assert.ok(reasons.includes(p.cid.toString()) || reasons.includes(p.rkey), `${name}: ${p.rkey} lost silently`);
      continue;
    }
    const id: string = kept.message.nativeId;
    assert.ok(id === p.rkey || id === `cid:${p.cid}`, `${name}: ${p.rkey} kept as ${id}`);
    if (bytes.indexOf(p.node) >= 0)
      assert.equal(id, p.rkey, `${name}: ${p.rkey} lost its rkey though its node is intact`);
  }
  if (got.messages.length < posts.length || bytes.length !== INTACT.length || !bytes.equals(INTACT))
    assert.ok(got.rejected.length + got.warnings.length > 0, `${name}: damage not reported`);
}

/**
 * Reads a variant. When its commit (the one block naming the account) is lost beyond repair, the
 * import says so and names the way out, and the law is then checked with `--opt did=`.
 */
async function readVariant(path: string, bytes: Buffer): Promise<Collected | ImportError> {
  writeFileSync(path, bytes);
  const read = async (options = {}) => {
    try {
      return await collect(blueskyCarSource, inputOf(path), options);
    } catch (err) {
      assert.ok(err instanceof ImportError, `not an ImportError: ${err}`);
      return err;
    }
  };
  const got = await read();
  const lost = (c: Collected | ImportError) =>
    c instanceof ImportError
      ? /author of the records is unknown; pass --opt did=/.test(c.message)
      : c.rejected.some((r) => /repository commit is lost/.test(r.reason));
  if (!lost(got)) return got;
  assert.ok(bytes.indexOf(COMMIT) < 0, 'the commit was reported lost though it is intact');
  return read({ did: DID });
}

function variants(): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const n = INTACT.length;
  for (let i = 0; i < n; i += 3) {
    const b = Buffer.from(INTACT);
    b[i] = (b[i] as number) ^ 0xff;
    out.push([`byte ${i} inverted`, b]);
  }
  for (let i = 1; i < n; i += 11) {
    const b = Buffer.from(INTACT);
    b[i] = (b[i] as number) ^ 0x01;
    out.push([`bit 0 of byte ${i} flipped`, b]);
  }
  for (let i = 0; i < n; i += 37) out.push([`cut at ${i}`, INTACT.subarray(0, i)]);
  for (let i = 0; i < n; i += 17) {
    out.push([`byte ${i} deleted`, Buffer.concat([INTACT.subarray(0, i), INTACT.subarray(i + 1)])]);
    out.push([
      `byte inserted at ${i}`,
      Buffer.concat([INTACT.subarray(0, i), Buffer.from([0x5a]), INTACT.subarray(i)]),
    ]);
  }
  for (let i = 0; i < n; i += 41) {
    const b = Buffer.from(INTACT);
    b.fill(0, i, i + 16);
    out.push([`16 bytes zeroed at ${i}`, b]);
  }
  return out;
}

test('small damage anywhere in a CAR never loses a post whose block is intact', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const posts = await fixturePosts();
  const path = join(dir, 'repo.car');
  const list = variants();
  let allKept = 0;
  for (const [name, bytes] of list) {
    const got = await readVariant(path, bytes);
    checkVariant(name, bytes, got, posts);
    if (!(got instanceof ImportError) && got.messages.length === posts.length) allKept++;
  }
  assert.ok(list.length > 1000, `${list.length} variants`);
  assert.ok(allKept > list.length / 2, `all four posts kept in ${allKept} of ${list.length} variants`);
});

test('random one-to-three-byte damage keeps the law (fast-check)', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const posts = await fixturePosts();
  const path = join(dir, 'repo.car');
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ at: fc.nat(INTACT.length - 1), mask: fc.integer({ min: 1, max: 255 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
      async (hits) => {
        const b = Buffer.from(INTACT);
        for (const h of hits) b[h.at] = (b[h.at] as number) ^ h.mask;
        const name = hits.map((h) => `${h.at}^${h.mask}`).join(',');
        checkVariant(name, b, await readVariant(path, b), posts);
      },
    ),
    // The example is a counterexample fast-check once found (seed -1174011976): bit 0 of the codec
    // byte of a tree node's CID header (dag-cbor 0x71 -> dag-pb 0x70) kept every post and said nothing.
    // 3,000 runs passed after the fix.
    { numRuns: 150, examples: [[[{ at: 1407, mask: 1 }]]] },
  );
});

async function damaged(t: { after(fn: () => void): void }, edit: (b: Buffer) => void): Promise<Collected> {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const b = Buffer.from(INTACT);
  edit(b);
  const path = join(dir, 'repo.car');
  writeFileSync(path, b);
  return collect(blueskyCarSource, inputOf(path));
}

test('a damaged tree node: its posts are kept by scanning blocks, with cid: ids, and the node is named', async (t) => {
  const posts = await fixturePosts();
  const root = posts.find((p) => p.rkey === '3l6aaaaaaaa21')?.node as Buffer;
  const got = await damaged(t, (b) => {
    const at = b.indexOf(root) + root.length - 5;
    b[at] = (b[at] as number) ^ 0x40;
  });
  const byId = new Map(got.messages.map((m) => [m.message.nativeId, m]));
  assert.equal(got.messages.length, 4);
  const p22 = byId.get('3l6aaaaaaaa22');
  assert.ok(p22, 'the post in the intact subtree node keeps its rkey');
  for (const rkey of ['3l6aaaaaaaa21', '3l6aaaaaaaa23', '3l6aaaaaaaa24']) {
    const p = posts.find((x) => x.rkey === rkey) as Post;
    const m = byId.get(`cid:${p.cid}`);
    assert.ok(m, `${rkey} kept under its record CID`);
    assert.equal(m.message.url, undefined);
    assert.match(m.place, /^offset=\d+$/);
  }
  assert.ok(got.rejected.some((r) => /^block bafy\w+ does not hash to its CID$/.test(r.reason)));
  assert.ok(got.rejected.some((r) => /MST node bafy\w+ missing or damaged/.test(r.reason)));
});

test('a damaged CID in a post block header: the data still verifies through the link to it, rkey kept', async (t) => {
  const posts = await fixturePosts();
  const p = posts.find((x) => x.rkey === '3l6aaaaaaaa23') as Post;
  const got = await damaged(t, (b) => {
    const at = b.indexOf(p.section) + 10;
    b[at] = (b[at] as number) ^ 0x10;
  });
  assert.deepEqual(got.messages.map((m) => m.message.nativeId).sort(), posts.map((x) => x.rkey).sort());
  assert.ok(got.rejected.some((r) => /does not hash to its CID/.test(r.reason)));
});

test('a damaged commit is put right against its CID; a damaged CAR header is read past', async (t) => {
  const sig = INTACT.indexOf(Buffer.from('sig'));
  const got = await damaged(t, (b) => {
    b[sig + 10] = 0x77;
  });
  assert.equal(got.messages.length, 4);
  assert.ok(
    got.warnings.some((w) => /commit bafy\w+ had one damaged byte .*put right against its CID/.test(w.message)),
  );
  assert.equal(got.messages[0]?.message.author.id, 'did:plc:aleppo4medic5example6');

  const header = await damaged(t, (b) => {
    b[5] = (b[5] as number) ^ 0xff;
  });
  assert.equal(header.messages.length, 4);
  assert.ok(header.rejected.some((r) => /CAR header damaged/.test(r.reason) && r.place === 'offset=0'));
});

test('a commit lost beyond repair: the import says so and names --opt did=, which keeps every post', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const b = Buffer.from(INTACT);
  b.fill(0, 59 + 60, 59 + 100);
  const path = join(dir, 'repo.car');
  writeFileSync(path, b);
  await assert.rejects(collect(blueskyCarSource, inputOf(path)), (err: unknown) => {
    assert.ok(err instanceof ImportError);
    assert.match(err.message, /author of the records is unknown; pass --opt did=/);
    return true;
  });
  const got = await collect(blueskyCarSource, inputOf(path), { did: DID });
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId).sort(),
    (await fixturePosts()).map((p) => p.rkey).sort(),
  );
  assert.ok(got.messages.every((m) => m.message.author.id === DID));
  await assert.rejects(collect(blueskyCarSource, inputOf(path), { did: 'lina' }), UsageError);
});
