import type { AllowList } from '../../core/net/address-policy.ts';
import { postRecordToMessage } from './bluesky-record.ts';
import type { LiveItem } from './live-source.ts';
import { frameBatches } from './ws-frames.ts';

// Shape: Jetstream (https://github.com/bluesky-social/jetstream#readme): GET /subscribe upgraded to a
// WebSocket, `wantedCollections`, `wantedDids` (repeatable, up to 10,000) and `cursor` (unix µs) in the
// query; each text frame one JSON event {did, time_us, kind: commit|identity|account, commit: {rev,
// operation: create|update|delete, collection, rkey, record, cid}}.

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const DEFAULT_JETSTREAM = 'wss://jetstream2.us-east.bsky.network';

export interface JetstreamOptions {
  /** Base address, e.g. wss://jetstream2.us-east.bsky.network (VIGIL_JETSTREAM_URL). */
  url: string;
  dids: readonly string[];
  /** Resume from this time_us (Jetstream replays from there; re-captures are idempotent). */
  cursorUs?: number;
  allow: AllowList;
  userAgent: string;
  signal?: AbortSignal;
  /** Longest a received frame waits before its batch is handed on, counted from its arrival (default 100 ms). */
  flushMs?: number;
  maxBatch?: number;
}

/** Frames received together: the raw lines (kept as one blob), what they say, and the cursor after them. */
export interface JetstreamBatch {
  url: string;
  receivedAt: string;
  /** The frames as received, one per line. */
  frames: Buffer;
  items: LiveItem[];
  /** Handles announced by identity events, DID -> handle. */
  handles: Map<string, string>;
  /** Receipt time of each message item (ms), for latency measurements. */
  receivedMs: number[];
  cursorUs?: number;
}

export function subscribeUrl(o: Pick<JetstreamOptions, 'url' | 'dids' | 'cursorUs'>): string {
  const u = new URL('/subscribe', o.url);
  u.searchParams.append('wantedCollections', 'app.bsky.feed.post');
  for (const d of o.dids) u.searchParams.append('wantedDids', d);
  if (o.cursorUs) u.searchParams.set('cursor', String(o.cursorUs));
  return u.href;
}

/** One event line as items; `handles` learns identity events. */
export function readEvent(
  line: string,
  place: string,
  handles: Map<string, string>,
): { items: LiveItem[]; timeUs?: number } {
  let e: Obj | undefined;
  try {
    e = obj(JSON.parse(line));
  } catch (err) {
    return { items: [{ kind: 'rejected', place, reason: `not JSON: ${(err as Error).message}` }] };
  }
  const did = str(e?.did);
  const timeUs = typeof e?.time_us === 'number' ? e.time_us : undefined;
  if (!e || !did) return { items: [{ kind: 'rejected', place, reason: 'event without did' }], timeUs };
  if (e.kind === 'identity') {
    const handle = str(obj(e.identity)?.handle);
    if (handle) handles.set(did, handle);
    return { items: [], timeUs };
  }
  const commit = obj(e.commit);
  if (e.kind !== 'commit' || !commit || commit.collection !== 'app.bsky.feed.post') return { items: [], timeUs };
  const rkey = str(commit.rkey);
  if (!rkey) return { items: [{ kind: 'rejected', place, reason: 'commit without rkey' }], timeUs };
  if (commit.operation === 'delete')
    return { items: [{ kind: 'deleted', platform: 'bluesky', authorId: did, nativeId: rkey, place }], timeUs };
  const record = obj(commit.record);
  if (!record) return { items: [{ kind: 'rejected', place, reason: `${commit.operation} without a record` }], timeUs };
  const m = postRecordToMessage(did, rkey, record, handles.get(did));
  return {
    items: [typeof m === 'string' ? { kind: 'rejected', place, reason: m } : { kind: 'message', message: m, place }],
    timeUs,
  };
}

/**
 * Jetstream filtered to the followed DIDs, as batches (ws-frames.ts: the same address guard as every
 * fetch). Ends quietly when `signal` aborts; a dropped connection throws FetchNetworkError after the
 * frames already received are handed on.
 */
export async function* jetstream(o: JetstreamOptions): AsyncGenerator<JetstreamBatch> {
  const url = subscribeUrl(o);
  const handles = new Map<string, string>();
  for await (const frames of frameBatches({ ...o, url, what: 'jetstream' })) {
    const items: LiveItem[] = [];
    const receivedMs: number[] = [];
    let cursorUs: number | undefined;
    frames.forEach((f, i) => {
      const r = readEvent(f.data.toString('utf8'), `line=${i + 1}`, handles);
      for (const it of r.items) {
        items.push(it);
        if (it.kind === 'message') receivedMs.push(f.at);
      }
      if (r.timeUs !== undefined) cursorUs = Math.max(cursorUs ?? 0, r.timeUs);
    });
    yield {
      url,
      receivedAt: new Date().toISOString(),
      frames: Buffer.concat(frames.flatMap((f) => [f.data, Buffer.from('\n')])),
      items,
      handles,
      receivedMs,
      ...(cursorUs !== undefined ? { cursorUs } : {}),
    };
  }
}
