import { randomUUID } from 'node:crypto';

/** What a live source received, as the fetch guard reports it. */
export interface HttpExchange {
  url: string;
  status: number;
  statusText: string;
  httpVersion: string;
  /** `Name: value` lines as received (cookies already dropped). */
  rawHeaders: string[];
  body: Uint8Array;
  fetchedAt: string;
}

/**
 * A WARC/1.1 `response` record (ISO 28500) of one HTTP answer: the address, the time it was fetched,
 * the status line, the headers and the body bytes exactly as received. Live items point at this blob,
 * so their provenance is the raw response, readable by any WARC tool.
 */
export function warcResponseRecord(x: HttpExchange): Buffer {
  const http = Buffer.concat([
    Buffer.from(
      `HTTP/${x.httpVersion} ${x.status} ${x.statusText}\r\n${x.rawHeaders.map((h) => `${h}\r\n`).join('')}\r\n`,
    ),
    Buffer.from(x.body),
  ]);
  const head = [
    'WARC/1.1',
    'WARC-Type: response',
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    `WARC-Date: ${x.fetchedAt.replace(/\.\d+Z$/, 'Z')}`,
    `WARC-Target-URI: ${x.url}`,
    'Content-Type: application/http;msgtype=response',
    `Content-Length: ${http.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), http, Buffer.from('\r\n\r\n')]);
}

/** A frame received on a WebSocket (Jetstream, Mastodon streaming) as a WARC/1.1 `resource` record. */
export function warcFrameRecord(url: string, receivedAt: string, frames: Uint8Array): Buffer {
  const head = [
    'WARC/1.1',
    'WARC-Type: resource',
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    `WARC-Date: ${receivedAt.replace(/\.\d+Z$/, 'Z')}`,
    `WARC-Target-URI: ${url}`,
    'Content-Type: application/x-ndjson',
    `Content-Length: ${frames.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), Buffer.from(frames), Buffer.from('\r\n\r\n')]);
}
