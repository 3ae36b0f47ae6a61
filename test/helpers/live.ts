import { parseAllowList } from '../../src/core/net/address-policy.ts';
import { PoliteFetcher } from '../../src/core/net/polite-fetcher.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import type { PipelineContext } from '../../src/pipeline/import.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { tempDir } from './temp-dir.ts';

/** A fetcher for local test servers: loopback allowed, no spacing, one quick retry, no waiting on Retry-After. */
export function testFetcher(): PoliteFetcher {
  return new PoliteFetcher({
    allow: parseAllowList('127.0.0.0/8'),
    minIntervalMs: 0,
    retries: 1,
    backoffBaseMs: 1,
    maxWaitMs: 0,
    timeoutMs: 5000,
  });
}

/** A SQLite store and blob store in a temp folder. */
export async function livePipeline(): Promise<PipelineContext & { dir: string; dispose(): Promise<void> }> {
  const dir = tempDir();
  const store = await openVigilStore({ dataDir: dir.path });
  return {
    store,
    blobs: new BlobStore(`${dir.path}/blobs`),
    dir: dir.path,
    async dispose() {
      await store.close();
      dir.remove();
    },
  };
}
