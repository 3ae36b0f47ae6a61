import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { LedgerTable } from '../schema/ledger.ts';
import { DeflateWorker } from './deflate-worker.ts';
import { DICTIONARY_1 } from './dictionary-1.ts';

/**
 * How a ledger payload is stored (issue 18, disk a message). The event hash, verify, checkpoints, bags and
 * every other reader work on the canonical JSON text; only the row holds it compressed:
 * - `payload` holds the canonical JSON and `payload_z` is null (every row written before this codec, and
 *   payloads too short to gain), or
 * - `payload` is '' and `payload_z` is one byte naming the dictionary, then the canonical JSON as raw deflate
 *   (RFC 1951) with that preset dictionary. Any zlib reads it: in Python,
 *   `zlib.decompressobj(-15, zdict=dictionary).decompress(payload_z[1:])`; the dictionaries are in every
 *   store's `ledger_dictionaries` table as well as in this folder.
 * Old rows are never rewritten: the ledger is append-only, so both forms are read forever.
 */
export interface StoredPayload {
  payload: string;
  payload_z: Uint8Array | null;
}

export interface LedgerDictionary {
  version: number;
  bytes: Buffer;
  sha256: string;
}

function dictionary(version: number, text: string, sha256: string): LedgerDictionary {
  const bytes = Buffer.from(text, 'utf8');
  const found = createHash('sha256').update(bytes).digest('hex');
  if (found !== sha256) throw new Error(`ledger dictionary ${version} was edited: sha256 ${found}, recorded ${sha256}`);
  return { version, bytes, sha256 };
}

/** Every dictionary a stored row may name, by its number; never remove or change one. */
export const LEDGER_DICTIONARIES: ReadonlyMap<number, LedgerDictionary> = new Map(
  [dictionary(1, DICTIONARY_1, 'eb1d6b177105fb374081cb0c41ad909ac0069e88cfbfe8f079d92bb2423230f3')].map((d) => [
    d.version,
    d,
  ]),
);

/** The dictionary new rows are written with. */
export const CURRENT_DICTIONARY = 1;

/**
 * A 4 KiB window and little hash memory: a payload is about 1 KB and the dictionary under 3, and setting up
 * zlib's default 32 KiB window and 16 KiB output chunk for each one cost more than compressing it (about 35
 * µs a payload, against 20 with these). Any inflater reads it (its window is at least as big).
 */
const DEFLATE_OPTIONS = { windowBits: 12, memLevel: 4, chunkSize: 1024 };
const DEFLATE = (d: LedgerDictionary) => ({ ...DEFLATE_OPTIONS, dictionary: d.bytes });
const INFLATE = (d: LedgerDictionary) => ({ dictionary: d.bytes, chunkSize: 4096 });

/** Below this many bytes a payload is stored as text (a few bytes' gain does not pay for the codec). */
const MIN_COMPRESS = 128;

export class LedgerPayloadError extends Error {
  constructor(
    message: string,
    readonly stored: StoredPayload,
  ) {
    super(message);
    this.name = 'LedgerPayloadError';
  }
}

/** The row columns for a payload's canonical JSON: compressed when that is shorter. */
export function storedPayload(json: string): StoredPayload {
  if (json.length < MIN_COMPRESS) return { payload: json, payload_z: null };
  return framed(json, deflateRawSync(json, DEFLATE(current())));
}

const current = () => LEDGER_DICTIONARIES.get(CURRENT_DICTIONARY) as LedgerDictionary;

// Stored forms computed already, elsewhere (a bulk import's analysis worker, with storedPayload), by payload object.
const givenStored = new WeakMap<object, StoredPayload>();

/** Hand the store the stored form of a payload, computed elsewhere as storedPayload(canonicalJson(payload)). */
export function giveStoredPayload(payload: object, stored: StoredPayload): void {
  givenStored.set(payload, stored);
}

/** The stored form given for this payload, if any (see giveStoredPayload). */
export function givenStoredPayload(payload: unknown): StoredPayload | undefined {
  return typeof payload === 'object' && payload !== null ? givenStored.get(payload) : undefined;
}

/** Batches this big go to the worker thread; smaller ones (a label, a note) are done in place. */
const WORKER_BATCH = 200;
let worker: DeflateWorker | undefined;

/**
 * storedPayload for many payloads (a write transaction's events), deflated on a worker thread when there
 * are many, so the caller can project the events meanwhile. Same bytes as storedPayload; if the worker
 * fails, done in place.
 */
export async function storedPayloads(
  jsons: string[],
  given: (StoredPayload | undefined)[] = [],
): Promise<StoredPayload[]> {
  if (given.some((g) => g !== undefined)) {
    // deflate only those not given, then put each in its place
    const missing = jsons.flatMap((j, i) => (given[i] ? [] : [j]));
    const made = await storedPayloads(missing);
    let k = 0;
    return jsons.map((_, i) => given[i] ?? made[k++]);
  }
  const todo = jsons.filter((j) => j.length >= MIN_COMPRESS);
  if (todo.length < WORKER_BATCH) return jsons.map(storedPayload);
  let raw: Buffer[];
  try {
    worker ??= new DeflateWorker(current().bytes, DEFLATE_OPTIONS);
    raw = await worker.deflate(todo);
  } catch {
    return jsons.map(storedPayload);
  }
  let i = 0;
  return jsons.map((j) => (j.length < MIN_COMPRESS ? { payload: j, payload_z: null } : framed(j, raw[i++])));
}

function framed(json: string, z: Buffer): StoredPayload {
  const d = current();
  if (z.length + 1 >= Buffer.byteLength(json)) return { payload: json, payload_z: null };
  const out = Buffer.allocUnsafe(z.length + 1);
  out[0] = d.version;
  z.copy(out, 1);
  return { payload: '', payload_z: out };
}

/**
 * The canonical JSON text of a stored payload, whichever way it is stored. Throws LedgerPayloadError for a
 * row that holds both forms, names an unknown dictionary, or does not inflate (a changed byte).
 */
export function payloadText(r: StoredPayload): string {
  const z = r.payload_z;
  if (z === null || z === undefined) return r.payload;
  if (r.payload !== '') throw new LedgerPayloadError('the row holds the payload both as text and compressed', r);
  const d = LEDGER_DICTIONARIES.get(z[0]);
  if (!d) throw new LedgerPayloadError(`compressed with an unknown dictionary ${z[0]}`, r);
  try {
    return inflateRawSync(Buffer.from(z.buffer, z.byteOffset + 1, z.byteLength - 1), INFLATE(d)).toString('utf8');
  } catch (err) {
    throw new LedgerPayloadError(`the compressed payload does not inflate: ${(err as Error).message}`, r);
  }
}

/** A ledger row with its payload as canonical JSON text, whichever way it was stored. */
export type DecodedLedgerRow = Omit<LedgerTable, 'payload_z'>;

/** The row with `payload` as canonical JSON text (throws LedgerPayloadError as payloadText does). */
export function decodeLedgerRow(r: LedgerTable): DecodedLedgerRow {
  const { payload_z: _, ...rest } = r;
  return { ...rest, payload: payloadText(r) };
}
