import { createHash } from 'node:crypto';
import * as dagCbor from '@ipld/dag-cbor';
import { CID } from 'multiformats/cid';

const SHA256 = 0x12;
/** Every block of an atproto repository (commit, tree node, record) is dag-cbor. */
const DAG_CBOR = 0x71;

/** A block whose bytes hash to the digest its CID names. `offset` is where its CAR section starts. */
export interface CarBlock {
  cid: CID;
  bytes: Uint8Array;
  offset: number;
}

/** Bytes of the CAR that gave no verified block: a damaged, cut or unreadable section. */
export interface CarDamage {
  offset: number;
  end: number;
  /** The CID the section names, when its header could still be read. */
  cid?: CID;
  reason: string;
  /** The section's data, when its boundaries could be read (for a repair against its CID). */
  data?: Uint8Array;
}

export interface ScannedCar {
  /** From the CAR header; undefined when the header is damaged. */
  roots: CID[] | undefined;
  /** Verified blocks by the hex sha256 of their bytes (so a damaged codec byte in a CID does not hide one). */
  blocks: Map<string, CarBlock>;
  /** Verified blocks in file order. */
  order: CarBlock[];
  damage: CarDamage[];
  /**
   * Damage that cost nothing: a section whose CID header names another codec than dag-cbor while
   * its data hashes to the digest (the block is kept, found by digest, and the change is reported).
   */
  notes: { offset: number; message: string }[];
  /**
   * Byte ranges cut out of damaged regions, by the hex sha256 of the range. Not verified on their
   * own: one counts only when a verified block links to that digest (a block whose CID header was
   * damaged but whose data is intact).
   */
  loose: Map<string, { bytes: Uint8Array; offset: number }>;
}

export function sha256Hex(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The sha256 digest a CID names, in hex; undefined for other hash functions. */
export function digestOf(cid: CID): string | undefined {
  return cid.multihash.code === SHA256 ? Buffer.from(cid.multihash.digest).toString('hex') : undefined;
}

function readVarint(buf: Uint8Array, pos: number): { value: number; len: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5 && pos + i < buf.length; i++) {
    const b = buf[pos + i] as number;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return { value, len: i + 1 };
  }
  return undefined;
}

type Section =
  | { ok: true; cid: CID; data: Uint8Array; start: number; end: number }
  | { ok: false; cid?: CID; dataStart?: number; reason: string };

function readSection(buf: Uint8Array, pos: number): Section {
  const v = readVarint(buf, pos);
  if (!v || v.value === 0) return { ok: false, reason: 'unreadable section length' };
  const start = pos + v.len;
  const end = start + v.value;
  let cid: CID;
  let cidLen: number;
  try {
    const [c] = CID.decodeFirst(buf.subarray(start, Math.min(end, buf.length)));
    cid = c;
    cidLen = c.bytes.length;
  } catch {
    return { ok: false, reason: 'unreadable CID' };
  }
  if (end > buf.length)
    return { ok: false, cid, dataStart: start + cidLen, reason: 'the file ends inside this block (truncated?)' };
  if (cidLen >= v.value) return { ok: false, cid, reason: 'section shorter than its CID' };
  return { ok: true, cid, data: buf.subarray(start + cidLen, end), start: pos, end };
}

function verifies(cid: CID, data: Uint8Array): boolean {
  const want = digestOf(cid);
  return want !== undefined && want === sha256Hex(data);
}

/** Where a CIDv1 with a one-byte codec and a sha2-256 multihash could start at or after `from`. */
function* cidStarts(buf: Buffer, from: number): Generator<number> {
  for (let p = buf.indexOf(MH_SHA256, from + 2); p >= 0; p = buf.indexOf(MH_SHA256, p + 1)) {
    if (buf[p - 2] === 0x01 && p + 2 + 32 <= buf.length) yield p - 2;
  }
}
const MH_SHA256 = Buffer.from([SHA256, 0x20]);

/** The next offset at or after `from` where a section reads and verifies; the file's length if none. */
function resync(buf: Buffer, from: number): number {
  for (const c of cidStarts(buf, from)) {
    for (let k = 1; k <= 5; k++) {
      const s = c - k;
      if (s < from) break;
      const v = readVarint(buf, s);
      if (!v || v.len !== k) continue;
      const sec = readSection(buf, s);
      if (sec.ok && verifies(sec.cid, sec.data)) return s;
    }
  }
  return buf.length;
}

/**
 * Reads a CARv1 without trusting it: every block is checked against its CID, and after a damaged
 * stretch (a flipped byte, a cut, garbage) reading resumes at the next section that verifies, so
 * one bad byte costs one block, not the rest of the file. Nothing here decodes dag-cbor.
 */
export function scanCar(input: Uint8Array): ScannedCar {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const out: ScannedCar = {
    roots: undefined,
    blocks: new Map(),
    order: [],
    damage: [],
    notes: [],
    loose: new Map(),
  };
  const accept = (cid: CID, bytes: Uint8Array, offset: number) => {
    const key = digestOf(cid) as string;
    if (out.blocks.has(key)) return;
    const block = { cid, bytes, offset };
    out.blocks.set(key, block);
    out.order.push(block);
  };
  const keepLoose = (bytes: Uint8Array, offset: number) => {
    if (bytes.length > 0) out.loose.set(sha256Hex(bytes), { bytes, offset });
  };

  let pos = readHeader(buf, out);
  while (pos < buf.length) {
    const sec = readSection(buf, pos);
    if (sec.ok && verifies(sec.cid, sec.data)) {
      if (sec.cid.code !== DAG_CBOR)
        out.notes.push({
          offset: pos,
          message: `block ${sec.cid}: its CID names codec 0x${sec.cid.code.toString(16)}, not dag-cbor (a damaged header); its data hashes to the CID's digest and is kept`,
        });
      accept(sec.cid, sec.data, pos);
      pos = sec.end;
      continue;
    }
    const next = resync(buf, pos + 1);
    // up to where the next good block starts: the data with a byte dropped or added, for a repair
    const dataStart = sec.ok ? sec.end - sec.data.length : sec.dataStart;
    const data = dataStart !== undefined && dataStart < next ? buf.subarray(dataStart, next) : undefined;
    if (data) keepLoose(data, pos);
    if (sec.ok && sec.end <= next) {
      out.damage.push({
        offset: pos,
        end: next,
        cid: sec.cid,
        data,
        reason: `block ${sec.cid} does not hash to its CID`,
      });
      keepLoose(sec.data, pos);
    } else {
      const why = sec.ok ? 'its length runs into the next block' : sec.reason;
      out.damage.push({
        offset: pos,
        end: next,
        ...(sec.cid ? { cid: sec.cid } : {}),
        ...(data ? { data } : {}),
        reason: `${sec.cid ? `block ${sec.cid}` : `bytes ${pos}-${next}`}: ${why}`,
      });
    }
    // A damaged length or CID header: the data may still be whole, ending where the next block starts.
    for (const c of cidStarts(buf, pos)) {
      if (c >= next) break;
      const data = buf.subarray(c + 36, next);
      const cid = safeCid(buf.subarray(c, c + 36));
      if (cid && data.length > 0 && verifies(cid, data)) accept(cid, data, c);
      else keepLoose(data, c);
    }
    for (let k = 1; k <= 3; k++) if (pos + k + 36 < next) keepLoose(buf.subarray(pos + k + 36, next), pos);
    pos = next;
  }
  return out;
}

function safeCid(b: Uint8Array): CID | undefined {
  try {
    return CID.decode(b);
  } catch {
    return undefined;
  }
}

/** Reads `{roots, version}`; returns where the first section starts (found by resync if the header is damaged). */
function readHeader(buf: Buffer, out: ScannedCar): number {
  const v = readVarint(buf, 0);
  const end = v ? v.len + v.value : 0;
  let reason = 'unreadable header length';
  if (v && v.value > 0 && end <= buf.length) {
    try {
      const header = decodeHeader(buf.subarray(v.len, end));
      if (header) {
        out.roots = header;
        return end;
      }
      reason = 'the header is not {roots, version: 1}';
    } catch (err) {
      reason = `unreadable header: ${(err as Error).message}`;
    }
  }
  const first = resync(buf, 0);
  out.damage.push({ offset: 0, end: first, reason: `CAR header damaged (${reason}); blocks read without it` });
  return first;
}

function decodeHeader(b: Uint8Array): CID[] | undefined {
  const h = dagCbor.decode(b) as { roots?: unknown; version?: unknown } | null;
  if (!h || typeof h !== 'object' || h.version !== 1 || !Array.isArray(h.roots)) return undefined;
  const roots = h.roots.map((r) => CID.asCID(r));
  return roots.every((r): r is CID => r !== null) ? roots : undefined;
}

/**
 * A small block with one byte changed, dropped or added, put right against the digest it must
 * have. Tries every position and value, so only for small blocks (a repository commit is a few
 * hundred bytes: at most some 100,000 hashes of it).
 */
export function repairOneByte(data: Uint8Array, digestHex: string, maxBytes = 1024): Uint8Array | undefined {
  if (data.length > maxBytes) return undefined;
  const src = Buffer.from(data);
  const b = Buffer.from(src);
  for (let i = 0; i < b.length; i++) {
    for (let x = 0; x < 256; x++) {
      if (x === src[i]) continue;
      b[i] = x;
      if (sha256Hex(b) === digestHex) return b;
    }
    b[i] = src[i] as number;
  }
  for (let i = 0; i < src.length; i++) {
    const fewer = Buffer.concat([src.subarray(0, i), src.subarray(i + 1)]);
    if (sha256Hex(fewer) === digestHex) return fewer;
  }
  const more = Buffer.alloc(src.length + 1);
  for (let i = 0; i <= src.length; i++) {
    src.copy(more, 0, 0, i);
    src.copy(more, i + 1, i);
    for (let x = 0; x < 256; x++) {
      more[i] = x;
      if (sha256Hex(more) === digestHex) return Buffer.from(more);
    }
  }
  return undefined;
}
