import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';
import { type LocalServer, localServer } from './local-server.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'live', 'bluesky');
const VIEW = JSON.parse(readFileSync(join(FIX, 'feed-view-post.json'), 'utf8'));
const FRAME = JSON.parse(readFileSync(join(FIX, 'jetstream-commit.json'), 'utf8'));

export interface FakePost {
  did: string;
  rkey: string;
  text: string;
  createdAt: string;
}

/**
 * The Bluesky AppView (XRPC over HTTP) and a Jetstream (/subscribe, WebSocket) on 127.0.0.1. Posts are
 * listed newest first, `limit` per page, with an opaque `cursor` (here: the offset).
 */
export class FakeBluesky {
  server!: LocalServer;
  wss!: WebSocketServer;
  readonly handles = new Map<string, string>([['amal.bsky.social', 'did:plc:amal0000000000000000000']]);
  readonly posts: FakePost[] = [];
  /** Query strings of Jetstream connections. */
  readonly subscriptions: URLSearchParams[] = [];
  readonly sockets = new Set<WebSocket>();
  private seq = 0;

  async start(): Promise<this> {
    this.server = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/xrpc/com.atproto.identity.resolveHandle') {
        const did = this.handles.get(url.searchParams.get('handle') ?? '');
        return did ? json(200, { did }) : json(400, { error: 'InvalidRequest', message: 'Unable to resolve handle' });
      }
      if (url.pathname === '/xrpc/app.bsky.feed.getAuthorFeed') {
        const actor = url.searchParams.get('actor');
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const offset = Number(url.searchParams.get('cursor') ?? 0);
        const mine = this.posts.filter((p) => p.did === actor).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
        const page = mine.slice(offset, offset + limit);
        return json(200, {
          feed: page.map((p) => ({ post: this.view(p) })),
          ...(offset + limit < mine.length ? { cursor: String(offset + limit) } : {}),
        });
      }
      if (url.pathname === '/xrpc/app.bsky.feed.getPosts') {
        const uris = new Set(url.searchParams.getAll('uris'));
        return json(200, { posts: this.posts.filter((p) => uris.has(this.uri(p))).map((p) => this.view(p)) });
      }
      json(404, { error: 'MethodNotImplemented' });
    });
    this.wss = new WebSocketServer({ server: this.server.server, path: '/subscribe' });
    this.wss.on('connection', (ws, req) => {
      this.subscriptions.push(new URL(req.url ?? '/', 'http://x').searchParams);
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
    });
    return this;
  }

  uri(p: FakePost): string {
    return `at://${p.did}/app.bsky.feed.post/${p.rkey}`;
  }

  view(p: FakePost): unknown {
    const handle = [...this.handles].find(([, d]) => d === p.did)?.[0] ?? 'handle.invalid';
    return {
      ...VIEW.post,
      uri: this.uri(p),
      author: { ...VIEW.post.author, did: p.did, handle, displayName: 'Amal' },
      record: { ...VIEW.post.record, text: p.text, createdAt: p.createdAt },
      indexedAt: p.createdAt,
    };
  }

  post(text: string, did = 'did:plc:amal0000000000000000000'): FakePost {
    const n = this.seq++;
    const p = {
      did,
      rkey: `3l${String(n).padStart(11, '0')}`,
      text,
      createdAt: new Date(Date.UTC(2024, 9, 1, 0, n)).toISOString(),
    };
    this.posts.push(p);
    return p;
  }

  /** A Jetstream commit frame for a post (create) or its deletion, as the subscribers receive it. */
  frame(p: FakePost, operation: 'create' | 'delete', timeUs: number): string {
    const commit = {
      ...FRAME.commit,
      operation,
      rkey: p.rkey,
      ...(operation === 'create' ? { record: { ...FRAME.commit.record, text: p.text, createdAt: p.createdAt } } : {}),
    };
    if (operation === 'delete') delete commit.record;
    return JSON.stringify({ did: p.did, time_us: timeUs, kind: 'commit', commit });
  }

  send(line: string): void {
    for (const ws of this.sockets) ws.send(line);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await this.server.close();
  }
}
