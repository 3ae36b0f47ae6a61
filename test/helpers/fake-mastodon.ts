import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';
import { type LocalServer, localServer } from './local-server.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'live', 'mastodon');
const STATUS = JSON.parse(readFileSync(join(FIX, 'status.json'), 'utf8'));
const ACCOUNT = JSON.parse(readFileSync(join(FIX, 'account.json'), 'utf8'));
/** A streaming event frame as documented ({stream, event, payload}); `payload` is replaced per event. */
const EVENT = JSON.parse(readFileSync(join(FIX, 'streaming-update.json'), 'utf8'));

export type Fault = { status: number; headers?: Record<string, string>; body?: string } | 'drop' | 'malformed';

/**
 * A Mastodon instance on 127.0.0.1 speaking the REST and streaming APIs' shapes (docs.joinmastodon.org): one
 * account, its statuses newest first with max_id/min_id paging, lookup by the current username,
 * 404 for deleted statuses. `faults` answers the next requests whose path starts with a prefix.
 */
export class FakeMastodon {
  server!: LocalServer;
  username = 'amal';
  readonly accountId = '109001';
  readonly statuses = new Map<string, Record<string, unknown>>();
  readonly faults: { prefix: string; fault: Fault }[] = [];
  private nextId = 110000000000000000n;
  /** Open streaming connections, and the query of every handshake (stream, access_token). */
  readonly sockets = new Set<WebSocket>();
  readonly handshakes: URLSearchParams[] = [];
  /** The Authorization header of every REST request, in order (undefined when none was sent). */
  readonly authorizations: (string | undefined)[] = [];
  /** When set, a streaming handshake without this access_token is refused with 401. */
  streamingToken: string | undefined;

  async start(): Promise<this> {
    this.server = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.authorizations.push(req.headers.authorization);
      const i = this.faults.findIndex((f) => url.pathname.startsWith(f.prefix));
      if (i >= 0) {
        const [{ fault }] = this.faults.splice(i, 1);
        if (fault === 'drop') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
          res.write('[{"id":"1", "content": "cut');
          setImmediate(() => req.socket.destroy());
          return;
        }
        if (fault === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('[{"id": "1", oops');
          return;
        }
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.body ?? '{"error":"fault"}');
        return;
      }
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/api/v1/accounts/lookup') {
        if (url.searchParams.get('acct') !== this.username) return json(404, { error: 'Record not found' });
        return json(200, this.account());
      }
      const list = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(url.pathname);
      if (list) {
        if (list[1] !== this.accountId) return json(404, { error: 'Record not found' });
        const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
        const maxId = url.searchParams.get('max_id');
        const minId = url.searchParams.get('min_id');
        let ids = [...this.statuses.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? 1 : -1));
        if (maxId) ids = ids.filter((id) => BigInt(id) < BigInt(maxId));
        if (minId) ids = ids.filter((id) => BigInt(id) > BigInt(minId)).slice(-limit);
        const page = ids.slice(0, limit).map((id) => this.statuses.get(id));
        const link =
          page.length > 0
            ? `<${this.server.url}${url.pathname}?max_id=${(page.at(-1) as { id: string }).id}>; rel="next", <${this.server.url}${url.pathname}?min_id=${(page[0] as { id: string }).id}>; rel="prev"`
            : '';
        return json(200, page, link ? { link } : {});
      }
      const one = /^\/api\/v1\/statuses\/([^/]+)$/.exec(url.pathname);
      if (one) {
        const s = this.statuses.get(one[1]);
        return s ? json(200, s) : json(404, { error: 'Record not found' });
      }
      json(404, { error: 'Not found' });
    });
    // GET /api/v1/streaming upgraded to a WebSocket (https://docs.joinmastodon.org/methods/streaming/).
    const wss = new WebSocketServer({ noServer: true });
    this.server.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api/v1/streaming') return socket.destroy();
      this.handshakes.push(url.searchParams);
      if (this.streamingToken && url.searchParams.get('access_token') !== this.streamingToken) {
        socket.end(
          'HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n{"error":"Error: Missing access token"}',
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
      });
    });
    return this;
  }

  /** Sends one raw frame to every streaming connection. */
  streamRaw(frame: string): void {
    for (const ws of this.sockets) ws.send(frame);
  }

  /** `update` (new) or `status.update` (edited) with the status as a JSON string, or `delete` with its id. */
  stream(event: 'update' | 'status.update' | 'delete', id: string, stream = 'user'): void {
    const payload = event === 'delete' ? id : JSON.stringify(this.statuses.get(id));
    this.streamRaw(JSON.stringify({ ...EVENT, stream: [stream], event, payload }));
  }

  account(): Record<string, unknown> {
    return {
      ...ACCOUNT,
      id: this.accountId,
      username: this.username,
      acct: this.username,
      display_name: 'Amal',
      url: `https://social.example/@${this.username}`,
      uri: 'https://social.example/users/amal',
    };
  }

  /** Adds a status (newest); returns its id. */
  post(text: string, at = new Date(Date.UTC(2016, 11, 13, 12) + this.statuses.size * 60_000)): string {
    const id = String(this.nextId++);
    this.statuses.set(id, {
      ...STATUS,
      id,
      created_at: at.toISOString(),
      uri: `https://social.example/users/amal/statuses/${id}`,
      url: `https://social.example/@${this.username}/${id}`,
      content: `<p>${text}</p>`,
      account: this.account(),
    });
    return id;
  }

  edit(id: string, text: string): void {
    const s = this.statuses.get(id);
    if (s) this.statuses.set(id, { ...s, content: `<p>${text}</p>`, edited_at: new Date().toISOString() });
  }

  close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    return this.server.close();
  }
}
