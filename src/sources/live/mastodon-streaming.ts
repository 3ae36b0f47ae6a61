import type { AllowList } from '../../core/net/address-policy.ts';
import type { LiveItem } from './live-source.ts';
import { statusToMessage } from './mastodon.ts';
import { frameBatches, redact } from './ws-frames.ts';

// Shape: Mastodon's streaming API (https://docs.joinmastodon.org/methods/streaming/): a WebSocket at
// GET /api/v1/streaming?stream=<user|public|public:local>&access_token=<token>; each text frame one
// JSON object {stream: [name], event, payload} where `payload` is itself a JSON *string*: a Status for
// `update` (new status) and `status.update` (edited status), the bare status id for `delete`. Other
// events (notification, conversation, filters_changed, announcement…) are not posts and are skipped.

export const MASTODON_STREAMS = ['user', 'public', 'public:local'] as const;
export type MastodonStreamName = (typeof MASTODON_STREAMS)[number];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export interface MastodonStreamOptions {
  /** The instance's address (https://instance or a follow's --base-url); ws(s) is derived from it. */
  baseUrl: string;
  /** Host name of the instance, for handles (acct without a domain is local to it). */
  instance: string;
  stream: MastodonStreamName;
  token?: string;
  /** Local account names (lowercase, no domain) whose posts are kept; the rest of the stream is ignored. */
  accounts: ReadonlySet<string>;
  allow: AllowList;
  userAgent: string;
  signal?: AbortSignal;
  flushMs?: number;
  onOpen?: () => void;
}

export interface MastodonStreamBatch {
  /** The address, access token left out. */
  url: string;
  receivedAt: string;
  frames: Buffer;
  items: LiveItem[];
  receivedMs: number[];
}

export function streamingUrl(o: Pick<MastodonStreamOptions, 'baseUrl' | 'stream' | 'token'>): string {
  const u = new URL('/api/v1/streaming', o.baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : u.protocol === 'http:' ? 'ws:' : u.protocol;
  u.searchParams.set('stream', o.stream);
  if (o.token) u.searchParams.set('access_token', o.token);
  return u.href;
}

/**
 * One frame as items: an update or edit of a followed local account's status as a message (an edit has
 * the same id, so it becomes a new version), a delete as a deletion by status id, a frame that is not
 * the documented shape as a rejected item naming its line. Everything else: nothing.
 */
export function readStreamingEvent(
  line: string,
  place: string,
  o: Pick<MastodonStreamOptions, 'instance' | 'accounts'>,
): LiveItem[] {
  let e: Obj | undefined;
  try {
    e = obj(JSON.parse(line));
  } catch (err) {
    return [{ kind: 'rejected', place, reason: `not JSON: ${(err as Error).message}` }];
  }
  const event = str(e?.event);
  if (!e || !event) return [{ kind: 'rejected', place, reason: 'frame without an event name' }];
  if (event === 'delete') {
    const id = str(e.payload);
    if (!id) return [{ kind: 'rejected', place, reason: 'delete without a status id' }];
    return [{ kind: 'deleted', platform: 'mastodon', nativeId: id, place }];
  }
  if (event !== 'update' && event !== 'status.update') return [];
  let status: Obj | undefined;
  try {
    status = obj(JSON.parse(String(e.payload)));
  } catch (err) {
    return [{ kind: 'rejected', place, reason: `${event}: payload is not a JSON status: ${(err as Error).message}` }];
  }
  if (!status) return [{ kind: 'rejected', place, reason: `${event}: payload is not a status object` }];
  const acct = str(obj(status.account)?.acct)?.toLowerCase();
  // Only followed accounts of this instance: a remote account's status carries this instance's local id,
  // which would not match the id its own instance (the REST poll) gives it.
  if (!acct || acct.includes('@') || !o.accounts.has(acct)) return [];
  const m = statusToMessage(status, o.instance);
  return [typeof m === 'string' ? { kind: 'rejected', place, reason: m } : { kind: 'message', message: m, place }];
}

/** A Mastodon stream as batches of items (ws-frames.ts: the address guard, batching, abort). */
export async function* mastodonStream(o: MastodonStreamOptions): AsyncGenerator<MastodonStreamBatch> {
  const url = streamingUrl(o);
  const shown = redact(url);
  for await (const frames of frameBatches({ ...o, url, what: 'mastodon streaming' })) {
    const items: LiveItem[] = [];
    const receivedMs: number[] = [];
    frames.forEach((f, i) => {
      for (const it of readStreamingEvent(f.data.toString('utf8'), `line=${i + 1}`, o)) {
        items.push(it);
        if (it.kind === 'message') receivedMs.push(f.at);
      }
    });
    yield {
      url: shown,
      receivedAt: new Date().toISOString(),
      frames: Buffer.concat(frames.flatMap((f) => [f.data, Buffer.from('\n')])),
      items,
      receivedMs,
    };
  }
}
