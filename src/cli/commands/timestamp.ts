import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importTimestamp } from '../../evidence/timestamps.ts';
import { withContext } from '../context.ts';
import { cliActor } from './users.ts';

export function registerTimestamp(program: Command): void {
  const ts = program.command('timestamp').description('RFC 3161 trusted timestamps of checkpoints');
  ts.command('import')
    .description(
      'take a TSA reply (.tsr) for a request written by vigil checkpoint --tsq; it is matched to its checkpoint',
    )
    .argument('<reply.tsr>')
    .action(async (file: string, _opts, cmd: Command) => {
      const response = await readFile(file);
      await withContext(cmd, async (ctx) => {
        const e = await importTimestamp(ctx.store, response, cliActor());
        process.stdout.write(
          `timestamp of checkpoint seq ${e.payload.checkpointSeq} at ${e.payload.genTime} recorded (seq ${e.seq})\n`,
        );
      });
    });
}
