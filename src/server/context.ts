import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BlobStore } from '../evidence/blob-store.ts';
import type { JobQueue } from '../pipeline/jobs/queue.ts';
import type { ImportSummary } from '../pipeline/summary.ts';
import type { Store } from '../store/contract.ts';
import type { LedgerWaker } from './stream/ledger-waker.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Reads JSONL in the foundation's minimal shape and appends what is new, as `actor`. */
export type IngestJsonl = (jsonl: string, actor: string) => Promise<ImportSummary>;

/** Everything a route needs, built once by buildServer. */
export interface ServerContext {
  store: Store;
  blobs: BlobStore;
  /** The data folder, for local caches (translations); absent, nothing is cached. */
  dataDir?: string;
  ingest: IngestJsonl;
  now: () => Date;
  waker: LedgerWaker;
  secureCookies: boolean;
  /** The job queue (pg-boss on PostgreSQL); absent, the Jobs page reports jobs running in-process. */
  jobs?: JobQueue;
}
