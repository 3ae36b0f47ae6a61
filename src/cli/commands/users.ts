import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { addUser, changeUser } from '../../server/auth/accounts.ts';
import { Role } from '../../server/auth/roles.ts';
import { listUsers } from '../../store/queries/users.ts';
import { printJson, withContext } from '../context.ts';
import { readPasswordFromStdin } from '../read-password.ts';

export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

function parseRole(s: string) {
  const r = Role.safeParse(s);
  if (!r.success) throw new UsageError(`--role must be admin, analyst or viewer, got ${s}`, s);
  return r.data;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('people who can sign in to the dashboard and the API');
  users
    .command('add <username>')
    .description('add a user; the password is read from stdin (there is no default password)')
    .requiredOption('--role <role>', 'admin, analyst or viewer')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, opts, cmd: Command) => {
      const role = parseRole(opts.role);
      if (!opts.passwordStdin) throw new UsageError('give --password-stdin (passwords are never taken as arguments)');
      const password = await readPasswordFromStdin();
      await withContext(cmd, async (ctx) => {
        const u = await addUser(ctx.store, { username, role, password }, cliActor());
        process.stderr.write(`added ${u.username} (${u.role})\n`);
      });
    });
  users
    .command('passwd <username>')
    .description('set a user’s password from stdin')
    .requiredOption('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, _opts, cmd: Command) => {
      const password = await readPasswordFromStdin();
      await withContext(cmd, async (ctx) => {
        await changeUser(ctx.store, username, { password }, cliActor());
        process.stderr.write(`password changed for ${username}\n`);
      });
    });
  users
    .command('role <username> <role>')
    .description('change a user’s role')
    .action(async (username: string, role: string, _opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const u = await changeUser(ctx.store, username, { role: parseRole(role) }, cliActor());
        process.stderr.write(`${u.username} is now ${u.role}\n`);
      });
    });
  users
    .command('disable <username>')
    .description('stop a user from signing in (their sessions and tokens stop working)')
    .action(async (username: string, _opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        await changeUser(ctx.store, username, { disabled: true }, cliActor());
        process.stderr.write(`${username} disabled\n`);
      });
    });
  users
    .command('list')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const list = await listUsers(ctx.store.db);
        if (opts.json) return printJson(list);
        for (const u of list) process.stdout.write(`${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
      });
    });
}
