import { randomUUID } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Exchange } from './fetch-chain.ts';

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

function warcDate(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/** Header pairs as received; a repeated header stays repeated (warcio keeps a Headers-like list). */
function headerPairs(raw: string[]): [string, string][] {
  return raw.map((line) => {
    const i = line.indexOf(':');
    return [line.slice(0, i).trim(), line.slice(i + 1).trim()] as [string, string];
  });
}

export interface ResourceRecord {
  /** e.g. urn:vigil:screenshot:https://example.org/ */
  uri: string;
  mime: string;
  at: string;
  bytes: Uint8Array;
}

/**
 * A gzipped WARC/1.1 file (one gzip member per record): a warcinfo, then a request and a response
 * record for every hop of every exchange (linked by WARC-Concurrent-To), then resource records for
 * what Vigil derived (screenshot, rendered DOM, thumbnails). warcio computes the block and payload
 * digests, so any WARC tool can check them.
 */
export async function buildWarc(
  filename: string,
  software: string,
  exchanges: Exchange[],
  resources: ResourceRecord[] = [],
): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const warcVersion = 'WARC/1.1';
  const info = WARCRecord.createWARCInfo(
    { filename, warcVersion },
    { software, format: 'WARC File Format 1.1', isPartOf: 'vigil capture' },
  );
  parts.push(await WARCSerializer.serialize(info, { gzip: true }));
  for (const x of exchanges) {
    const r = x.response;
    const responseId = `<urn:uuid:${randomUUID()}>`;
    const response = WARCRecord.create(
      {
        url: x.url,
        date: warcDate(r.fetchedAt),
        type: 'response',
        warcVersion,
        statusline: `HTTP/${r.httpVersion} ${r.status} ${r.statusText}`,
        httpHeaders: headerPairs(r.rawHeaders),
        warcHeaders: { 'WARC-Record-ID': responseId },
      },
      once(r.body),
    );
    const u = new URL(x.url);
    const request = WARCRecord.create(
      {
        url: x.url,
        date: warcDate(r.fetchedAt),
        type: 'request',
        warcVersion,
        statusline: `GET ${u.pathname}${u.search} HTTP/1.1`,
        httpHeaders: { Host: u.host, ...x.requestHeaders },
        warcHeaders: { 'WARC-Concurrent-To': responseId },
      },
      once(new Uint8Array()),
    );
    parts.push(await WARCSerializer.serialize(response, { gzip: true }));
    parts.push(await WARCSerializer.serialize(request, { gzip: true }));
  }
  for (const res of resources) {
    const record = WARCRecord.create(
      {
        url: res.uri,
        date: warcDate(res.at),
        type: 'resource',
        warcVersion,
        warcHeaders: { 'Content-Type': res.mime },
      },
      once(res.bytes),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  return Buffer.concat(parts);
}
