import { UsageError } from '../../core/errors.ts';
import { PoliteFetcher, politeOptionsFromEnv } from '../../core/net/polite-fetcher.ts';
import type { Store } from '../../store/contract.ts';
import type { BlobStore } from '../blob-store.ts';
import { type Enricher, urlCapturer } from './capture-url.ts';
import { packageVersion, VIGIL_VERSION } from './tool-versions.ts';
import { CaptureWorker, type CaptureWorkerOptions } from './worker.ts';

export interface CaptureRunnerOptions {
  store: Store;
  blobs: BlobStore;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  enrichers?: Enricher[];
  concurrency?: number;
  onOutcome?: CaptureWorkerOptions['onOutcome'];
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name}: not a non-negative number: ${v}`, v);
  return n;
}

/**
 * The capture worker as `vigil capture`, serve and watch run it. Settings from the environment:
 * VIGIL_FETCH_ALLOW and VIGIL_USER_AGENT (the fetch guard's), VIGIL_CAPTURE_MAX_BYTES (default 200 MiB),
 * VIGIL_CAPTURE_TIMEOUT_MS (default 120 s), VIGIL_CAPTURE_HOST_INTERVAL_MS (per-host spacing, default
 * 1 s), VIGIL_CAPTURE_LEASE_MS (default 10 min), VIGIL_CAPTURE_ATTEMPTS (default 5) and
 * VIGIL_CAPTURE_BACKOFF_MS (first retry wait, doubling, default 30 s).
 */
export function captureWorkerFromEnv(o: CaptureRunnerOptions): CaptureWorker {
  const env = o.env ?? process.env;
  const fetcher = new PoliteFetcher({
    ...politeOptionsFromEnv(env),
    maxBytes: envNumber(env, 'VIGIL_CAPTURE_MAX_BYTES', 200 * 1024 * 1024),
    timeoutMs: envNumber(env, 'VIGIL_CAPTURE_TIMEOUT_MS', 120_000),
    minIntervalMs: envNumber(env, 'VIGIL_CAPTURE_HOST_INTERVAL_MS', 1000),
    // the queue retries with its own backoff; the fetcher tries once more for a dropped connection
    retries: 1,
    backoffBaseMs: 500,
  });
  const tools = {
    vigil: VIGIL_VERSION,
    warcio: packageVersion('warcio'),
    'js-wacz': packageVersion('@harvard-lil/js-wacz'),
  };
  return new CaptureWorker({
    store: o.store,
    capture: urlCapturer({ fetcher, blobs: o.blobs, tools, enrichers: o.enrichers }),
    tools,
    leaseMs: envNumber(env, 'VIGIL_CAPTURE_LEASE_MS', 10 * 60_000),
    maxAttempts: Math.max(1, envNumber(env, 'VIGIL_CAPTURE_ATTEMPTS', 5)),
    backoffBaseMs: envNumber(env, 'VIGIL_CAPTURE_BACKOFF_MS', 30_000),
    concurrency: o.concurrency ?? 2,
    signal: o.signal,
    onOutcome: o.onOutcome,
  });
}
