import { Readable } from 'node:stream';
import type { BlobStore } from '../evidence/blob-store.ts';
import { ingestStream } from '../pipeline/ingest.ts';
import type { Store } from '../store/contract.ts';
import type { IngestJsonl } from './context.ts';

/** POST /api/ingest goes through the same live-ingest pipeline as `vigil ingest` on stdin. */
export function pipelineIngest(store: Store, blobs: BlobStore): IngestJsonl {
  return (jsonl, actor) =>
    ingestStream({ store, blobs }, Readable.from([Buffer.from(jsonl, 'utf8')]), { actor, flushMs: 0 });
}
