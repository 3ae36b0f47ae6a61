import type { CaptureCompletedPayload, CapturedResource } from '../../core/capture-events.ts';
import type { PoliteFetcher } from '../../core/net/polite-fetcher.ts';
import type { CaptureJob } from '../../store/queries/capture-queue.ts';
import type { BlobStore } from '../blob-store.ts';
import { type Exchange, fetchChain } from './fetch-chain.ts';
import { packWacz } from './wacz-pack.ts';
import { buildWarc, type ResourceRecord } from './warc-writer.ts';
import type { CapturedBlob, CaptureResult, Capturer } from './worker.ts';

/** What an enricher adds to a capture. */
export type Enrichment = Partial<Pick<CaptureCompletedPayload, 'page' | 'media' | 'image'>>;

/** What an enricher sees: the job, the chain of answers, and ways to keep what it derives. */
export interface EnrichContext {
  job: CaptureJob;
  exchanges: Exchange[];
  final: Exchange;
  signal: AbortSignal;
  /** Store bytes in the blob store and list them on the capture. */
  keep(bytes: Uint8Array, mime: string, name?: string): Promise<{ sha256: string; bytes: number }>;
  /** Also put these bytes in the capture's WARC as a resource record. */
  record(r: ResourceRecord): void;
  /** Also put this exchange (a page's subresource) in the capture's WARC as request and response. */
  exchange(x: Exchange): void;
  tools: Record<string, string>;
}

/**
 * A step after the fetch: a page screenshot, ffprobe of a video, a thumbnail of an image. It says which
 * answers it applies to; one that throws is listed in `skipped` and the capture still completes.
 */
export interface Enricher {
  name: string;
  applies(final: Exchange, job: CaptureJob): boolean;
  run(ctx: EnrichContext): Promise<Enrichment>;
}

export interface CaptureDeps {
  fetcher: PoliteFetcher;
  blobs: BlobStore;
  /** Versions of vigil, warcio, js-wacz and whatever the enrichers found. */
  tools: Record<string, string>;
  enrichers?: Enricher[];
  now?: () => Date;
}

export function mimeOf(x: Exchange): string | undefined {
  return x.response.headers['content-type']?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * Capture one URL: follow it through the fetch guard, keep every answer's body in the blob store,
 * run the enrichers, write the request/response pairs and derived files as a WARC, and pack that as a
 * WACZ that ReplayWeb.page opens. A 404 or 410 is captured too: that the page is gone is evidence.
 */
export function urlCapturer(deps: CaptureDeps): Capturer {
  const now = deps.now ?? (() => new Date());
  return async (job, signal): Promise<CaptureResult> => {
    const startedAt = now().toISOString();
    const exchanges = await fetchChain(deps.fetcher, job.url, signal);
    const final = exchanges[exchanges.length - 1];
    const written: CapturedBlob[] = [];
    const keep = async (bytes: Uint8Array, mime: string, name?: string) => {
      const put = await deps.blobs.putBytes(bytes);
      written.push({ sha256: put.sha256, bytes: put.bytes, mime, ...(name ? { name } : {}) });
      return { sha256: put.sha256, bytes: put.bytes };
    };
    const resources: CapturedResource[] = [];
    for (const x of exchanges) {
      const mime = mimeOf(x);
      resources.push({
        url: x.url,
        status: x.response.status,
        ...(mime ? { mime } : {}),
        fetchedAt: x.response.fetchedAt,
        body: await keep(x.response.body, mime ?? 'application/octet-stream', x.url),
      });
    }
    const records: ResourceRecord[] = [];
    const extra: Exchange[] = [];
    const tools = { ...deps.tools };
    const skipped: string[] = [];
    let enriched: Enrichment = {};
    for (const e of deps.enrichers ?? []) {
      if (!e.applies(final, job)) continue;
      try {
        const out = await e.run({
          job,
          exchanges,
          final,
          signal,
          keep,
          record: (r) => records.push(r),
          exchange: (x) => extra.push(x),
          tools,
        });
        enriched = { ...enriched, ...out };
      } catch (err) {
        if (signal.aborted) throw err;
        skipped.push(`${e.name}: ${(err as Error).message}`);
      }
    }
    const stamp = startedAt.replace(/[-:.]/g, '');
    const software = `vigil/${tools.vigil ?? '0'} warcio/${tools.warcio ?? '?'}`;
    const warcBytes = await buildWarc(
      `vigil-${stamp}-${job.id.slice(0, 12)}.warc.gz`,
      software,
      [...exchanges, ...extra],
      records,
    );
    const warc = await keep(warcBytes, 'application/warc', `${job.id.slice(0, 12)}.warc.gz`);
    const waczBytes = await packWacz(warcBytes, {
      url: final.url,
      ts: final.response.fetchedAt,
      title: enriched.page?.title || job.url,
      extras: { vigilJob: job.id, message: job.messageId, requestedUrl: job.url },
    });
    const wacz = await keep(waczBytes, 'application/wacz', `${job.id.slice(0, 12)}.wacz`);
    return {
      payload: {
        finalUrl: final.url,
        status: final.response.status,
        headers: final.response.headers,
        startedAt,
        completedAt: now().toISOString(),
        resources,
        warc,
        wacz,
        ...enriched,
        tools,
        skipped,
      },
      blobs: written,
    };
  };
}
