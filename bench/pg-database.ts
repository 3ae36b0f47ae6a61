// A throwaway PostgreSQL database for the benchmark, made and dropped the way test/helpers/stores.ts does.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server to benchmark: BENCH_PG_URL, else VIGIL_TEST_PG_URL, else none (the PostgreSQL part is skipped). */
export const BENCH_PG_URL = process.env.BENCH_PG_URL || process.env.VIGIL_TEST_PG_URL || undefined;

async function admin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * Creates `vigil_bench_<random>` on the server of `serverUrl`, runs `fn` with its URL and drops it
 * afterwards, also when `fn` throws or the run is interrupted (Ctrl-C, SIGTERM).
 */
export async function withThrowawayDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `vigil_bench_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const drop = () => admin(serverUrl, `drop database if exists ${name} with (force)`);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: dropping ${name}\n`);
    drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await drop();
  }
}
