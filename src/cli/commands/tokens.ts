import type { Command } from 'commander';
import { createToken, removeToken } from '../../server/auth/accounts.ts';
import { listTokens } from '../../store/queries/auth.ts';
import { printJson, withContext } from '../context.ts';
import { cliActor } from './users.ts';

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for scripts: Authorization: Bearer <token>');
  tokens
    .command('create <username>')
    .description('print a new API token for the user (shown once; only its hash is kept)')
    .option('--label <text>', 'what the token is for')
    .action(async (username: string, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const t = await createToken(ctx.store, username, cliActor(), opts.label);
        process.stdout.write(`${t.token}\n`);
        process.stderr.write(`token ${t.id} for ${username}; use it as: Authorization: Bearer <token>\n`);
      });
    });
  tokens
    .command('list [username]')
    .option('--json')
    .action(async (username: string | undefined, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const list = await listTokens(ctx.store.db, username);
        if (opts.json) return printJson(list);
        for (const t of list) {
          process.stdout.write(
            `${t.id}\t${t.username}\t${t.label ?? ''}\t${t.revokedAt ? 'revoked' : (t.lastUsedAt ?? 'unused')}\n`,
          );
        }
      });
    });
  tokens.command('revoke <id>').action(async (id: string, _opts, cmd: Command) => {
    await withContext(cmd, async (ctx) => {
      const ok = await removeToken(ctx.store, id, cliActor());
      process.stderr.write(ok ? `revoked ${id}\n` : `no live token ${id}\n`);
      if (!ok) process.exitCode = 4;
    });
  });
}
