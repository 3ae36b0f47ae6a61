import { join } from 'node:path';
import type { Command } from 'commander';
import { checkpointLedger } from '../../evidence/checkpoint.ts';
import { loadKey } from '../../evidence/keys.ts';
import { stampCheckpoint, writeTimestampRequest } from '../../evidence/timestamps.ts';
import { TimestampError } from '../../evidence/tsa.ts';
import { printJson, withContext } from '../context.ts';
import { cliActor } from './users.ts';

export function registerCheckpoint(program: Command): void {
  program
    .command('checkpoint')
    .description('sign the Merkle tree head of the whole ledger (a C2SP checkpoint) and record it as a ledger event')
    .option('--tsa <url>', 'also ask this RFC 3161 timestamp authority to stamp the checkpoint')
    .option('--tsq <file>', 'write the RFC 3161 request to this file, to send later (then: vigil timestamp import)')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      const key = await loadKey();
      await withContext(cmd, async (ctx) => {
        const cp = await checkpointLedger(ctx.store, key, cliActor());
        const out: Record<string, unknown> = {
          seq: cp.seq,
          treeSize: cp.payload.treeSize,
          rootHash: cp.payload.rootHash,
          note: cp.payload.note,
        };
        const lines = [`checkpoint at seq ${cp.seq}: ${cp.payload.treeSize} events`, '', cp.payload.note];
        let tsq: string | undefined = opts.tsq;
        if (opts.tsa) {
          try {
            const ts = await stampCheckpoint(ctx.store, cp, opts.tsa, cliActor());
            out.timestamp = { seq: ts.seq, genTime: ts.payload.genTime, tsa: opts.tsa };
            lines.push(`timestamped by ${opts.tsa} at ${ts.payload.genTime} (seq ${ts.seq})`);
          } catch (err) {
            if (!(err instanceof TimestampError)) throw err;
            tsq ??= join(ctx.dataDir, `checkpoint-${cp.seq}.tsq`);
            lines.push(`NOT timestamped: ${err.message}`);
            process.exitCode = 1;
          }
        }
        if (tsq) {
          await writeTimestampRequest(cp, tsq);
          out.tsq = tsq;
          lines.push(
            `timestamp request written to ${tsq}; send it to a TSA, e.g.`,
            `  curl -H 'Content-Type: application/timestamp-query' --data-binary @${tsq} <TSA URL> -o reply.tsr`,
            '  vigil timestamp import reply.tsr',
          );
        }
        if (opts.json) printJson(out);
        else process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
