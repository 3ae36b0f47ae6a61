import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, isIP, type Socket } from 'node:net';
import { type AllowList, refusalReason } from './address-policy.ts';
import { guardedLookup } from './fetch-guard.ts';

/** One plain-HTTP exchange that went through the proxy, kept whole for the WARC. */
export interface ProxiedExchange {
  url: string;
  requestHeaders: Record<string, string>;
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Record<string, string>;
  rawHeaders: string[];
  body: Buffer;
  fetchedAt: string;
}

export interface GuardProxyOptions {
  allow: AllowList;
  /** Bytes the proxy lets through in all, both directions of every tunnel and every answer (default 200 MiB). */
  maxBytes?: number;
  /** Plain-HTTP answers larger than this are passed on but not kept for the WARC (default 50 MiB). */
  keepBodyBytes?: number;
}

/**
 * A forward proxy (plain HTTP and CONNECT) on 127.0.0.1 for a program that does its own networking
 * (yt-dlp): every target address is resolved and checked with the fetch guard's rules
 * (VIGIL_FETCH_ALLOW) before a connection is made, and refused with a 403 otherwise. Plain-HTTP
 * exchanges are kept (for the capture's WARC); CONNECT tunnels carry TLS, so only their host is noted.
 * One proxy per run, so what it saw belongs to that run. Cookies are stripped in both directions.
 */
export class GuardProxy {
  readonly refused: { target: string; reason: string }[] = [];
  readonly exchanges: ProxiedExchange[] = [];
  readonly tunnels: string[] = [];
  /** Set when the byte cap was reached: everything after it was cut off. */
  overCap = false;
  private bytes = 0;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly o: Required<GuardProxyOptions>) {
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => this.tunnel(req, socket, head));
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(o: GuardProxyOptions): Promise<GuardProxy> {
    const p = new GuardProxy({ maxBytes: 200 * 1024 * 1024, keepBodyBytes: 50 * 1024 * 1024, ...o });
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private count(n: number): boolean {
    this.bytes += n;
    if (this.bytes > this.o.maxBytes) this.overCap = true;
    return !this.overCap;
  }

  private refuse(target: string, reason: string): string {
    this.refused.push({ target, reason });
    return `refused by Vigil's fetch guard: ${target}: ${reason}`;
  }

  /** Why a host (name or IP literal) may not be reached, before any DNS for IP literals. */
  private literalRefusal(host: string): string | undefined {
    const h = host.replace(/^\[|\]$/g, '');
    return isIP(h) ? refusalReason(h, this.o.allow) : undefined;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URL expected');
      return;
    }
    if (url.protocol !== 'http:') {
      res.writeHead(403).end(this.refuse(url.href, `only http can be proxied in the clear, not ${url.protocol}`));
      return;
    }
    const why = this.literalRefusal(url.hostname);
    if (why) {
      res.writeHead(403, { 'x-vigil-refused': '1' }).end(this.refuse(url.href, why));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !/^(proxy-|cookie$|connection$|keep-alive$)/i.test(k))
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const upstream = http.request(url, {
      method: req.method,
      headers,
      agent: false,
      lookup: guardedLookup(this.o.allow),
    });
    upstream.on('error', (err: Error & { code?: string }) => {
      if (res.headersSent) return res.destroy();
      if (err.code === 'EVIGILREFUSED')
        res.writeHead(403, { 'x-vigil-refused': '1' }).end(this.refuse(url.href, err.message));
      else res.writeHead(502).end(`${url.href}: ${err.message}`);
    });
    upstream.on('response', (up) => {
      const out: string[] = [];
      const rawHeaders: string[] = [];
      const kept: Record<string, string> = {};
      for (let i = 0; i < up.rawHeaders.length; i += 2) {
        if (/^set-cookie$/i.test(up.rawHeaders[i])) continue;
        out.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
        rawHeaders.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
        const k = up.rawHeaders[i].toLowerCase();
        kept[k] = kept[k] ? `${kept[k]}, ${up.rawHeaders[i + 1]}` : up.rawHeaders[i + 1];
      }
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      const chunks: Buffer[] = [];
      let size = 0;
      up.on('data', (c: Buffer) => {
        if (!this.count(c.length)) {
          up.destroy();
          res.destroy();
          return;
        }
        size += c.length;
        if (size <= this.o.keepBodyBytes) chunks.push(c);
        res.write(c);
      });
      up.on('end', () => {
        res.end();
        if (req.method === 'GET' && size <= this.o.keepBodyBytes)
          this.exchanges.push({
            url: url.href,
            requestHeaders: headers,
            status: up.statusCode ?? 0,
            statusText: up.statusMessage ?? '',
            httpVersion: up.httpVersion,
            headers: kept,
            rawHeaders,
            body: Buffer.concat(chunks),
            fetchedAt: new Date().toISOString(),
          });
      });
      up.on('error', () => res.destroy());
    });
    req.pipe(upstream);
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? '';
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    const deny = (why: string) => {
      client.end(`HTTP/1.1 403 Forbidden\r\nx-vigil-refused: 1\r\n\r\n${this.refuse(target, why)}`);
    };
    if (!m) {
      deny('not host:port');
      return;
    }
    const host = m[1].replace(/^\[|\]$/g, '');
    const why = this.literalRefusal(host);
    if (why) {
      deny(why);
      return;
    }
    guardedLookup(this.o.allow)(host, { all: false }, (err, address) => {
      if (err) {
        deny(err.message);
        return;
      }
      const upstream = connect({ host: address as string, port: Number(m[2]) });
      upstream.on('connect', () => {
        this.tunnels.push(target);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        const meter = (from: Socket, to: Socket) =>
          from.on('data', (c: Buffer) => {
            if (!this.count(c.length)) {
              client.destroy();
              upstream.destroy();
            } else to.write(c);
          });
        meter(client, upstream);
        meter(upstream, client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  }
}
