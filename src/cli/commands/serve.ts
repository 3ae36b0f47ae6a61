import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { startServer } from '../../server/start.ts';
import { openContext } from '../context.ts';
import { openCliQueue } from '../job-queue.ts';
import { captureInProcess } from './capture.ts';
import { startCollecting } from './collect.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboard; prints the URL and how to sign in')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'mark the session cookie Secure (use when the dashboard is reached over HTTPS)')
    .option('--collect', 'also run live collection (vigil collect) in this process')
    .option('--capture', 'also fetch what messages point to in this process (see vigil capture)')
    .action(async (opts, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0-65535, got ${opts.port}`, opts.port);
      const ctx = await openContext(cmd);
      // the Jobs page reads pg-boss on PostgreSQL; this process works no queue (vigil worker does)
      const jobs = process.env.VIGIL_DATABASE_URL ? await openCliQueue(ctx) : undefined;
      const { app } = await startServer({
        jobs,
        store: ctx.store,
        blobs: ctx.blobs,
        dataDir: ctx.dataDir,
        port,
        host: opts.host,
        secureCookies: opts.secureCookies === true,
      });
      const collecting = new AbortController();
      const collector = opts.collect ? startCollecting(ctx, collecting.signal) : undefined;
      const capture = new AbortController();
      const captureDone = opts.capture ? await captureInProcess(ctx.store, ctx.blobs, capture.signal) : undefined;
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      collecting.abort();
      await collector;
      capture.abort();
      await captureDone?.();
      await app.close();
      await jobs?.close();
      await ctx.close();
    });
}
