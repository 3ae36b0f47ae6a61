import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BlobStore } from '../evidence/blob-store.ts';
import { openBlobStore } from '../evidence/open-blob-store.ts';
import { openVigilStore } from '../pipeline/open-vigil-store.ts';
import type { Store } from '../store/contract.ts';

export interface CliContext {
  dataDir: string;
  store: Store;
  blobs: BlobStore;
  close(): Promise<void>;
}

/** The data folder: --data, else VIGIL_DATA, else ./vigil-data. */
export function dataDirOf(cmd: Command): string {
  const opts = cmd.optsWithGlobals() as { data?: string };
  return resolve(opts.data ?? process.env.VIGIL_DATA ?? './vigil-data');
}

/**
 * Open the store for a command: PostgreSQL when VIGIL_DATABASE_URL is set, else SQLite in the data folder;
 * the blob store from VIGIL_BLOBS, else the data folder's blobs/.
 */
export async function openContext(cmd: Command): Promise<CliContext> {
  const dataDir = dataDirOf(cmd);
  const store = await openVigilStore({ dataDir, databaseUrl: process.env.VIGIL_DATABASE_URL || undefined });
  const blobs = openBlobStore(dataDir);
  return {
    dataDir,
    store,
    blobs,
    close: async () => {
      blobs.close();
      await store.close();
    },
  };
}

/** Run a command body with an open context, closing it afterwards. */
export async function withContext<T>(cmd: Command, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(cmd);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
