import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import { liveSourceFor, parseFollowSpec } from '../../sources/live/registry.ts';
import { addFollow, listFollows, removeFollow } from '../../store/queries/live.ts';
import { findPerson, listPeople } from '../../store/queries/people.ts';
import { printJson, withContext } from '../context.ts';
import { cliActor } from './users.ts';

export function registerFollow(program: Command): void {
  const follow = program
    .command('follow')
    .description('accounts and feeds live collection follows (vigil collect polls them)');
  follow
    .command('add <platform:handle|url>')
    .description('follow mastodon:user@instance, rss:<feed url>, … (vigil sources lists what can be followed)')
    .option('--person <name>', 'the watched person this account belongs to')
    .option('--base-url <url>', "where the platform's API answers, if not its usual address")
    .option('--json')
    .action(async (spec: string, opts, cmd: Command) => {
      const { source, key, target } = parseFollowSpec(spec);
      if (opts.baseUrl && !/^https?:\/\//.test(opts.baseUrl))
        throw new UsageError(`--base-url: expected an http(s) address, got ${opts.baseUrl}`, opts.baseUrl);
      await withContext(cmd, async (ctx) => {
        const person = opts.person ? await findPerson(ctx.store.db, opts.person) : undefined;
        const f = {
          key,
          platform: source.platform,
          target,
          ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
          ...(person ? { personId: person.id } : {}),
          auto: false,
          addedAt: new Date().toISOString(),
          addedBy: cliActor(),
        };
        const added = await addFollow(ctx.store.db, f);
        if (opts.json) return printJson({ ...f, added });
        process.stdout.write(
          added
            ? `following ${key}${person ? ` (${person.name})` : ''}; vigil collect polls it every ${Math.round(source.intervalMs / 60_000)} min\n`
            : `already following ${key}\n`,
        );
      });
    });
  follow
    .command('list')
    .description('everything followed, with the person it belongs to')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const follows = await listFollows(ctx.store.db);
        if (opts.json) return printJson(follows);
        if (follows.length === 0)
          process.stdout.write(
            'Nothing followed yet. Follow an account with: vigil follow add mastodon:user@instance\n',
          );
        const names = new Map((await listPeople(ctx.store.db)).map((p) => [p.id, p.name]));
        for (const f of follows) {
          const who = f.personId ? `  ${names.get(f.personId) ?? f.personId}` : '';
          const how = f.auto ? '  (from the watchlist)' : '';
          const none = liveSourceFor(f.platform) ? '' : '  (no live source for this platform)';
          process.stdout.write(`${f.key}${who}${how}${none}\n`);
        }
      });
    });
  follow
    .command('remove <platform:handle|url>')
    .description('stop following (a watched person’s account is followed again unless it is removed from them)')
    .action(async (spec: string, _opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const follows = await listFollows(ctx.store.db);
        let key = spec.trim();
        if (!follows.some((f) => f.key === key)) key = parseFollowSpec(spec).key;
        const was = follows.find((f) => f.key === key);
        if (!(await removeFollow(ctx.store.db, key))) throw new NotFoundError(`not following ${spec}`, spec);
        process.stdout.write(`stopped following ${key}\n`);
        if (was?.auto)
          process.stderr.write(
            'note: this account is on the watchlist; the next vigil collect follows it again unless it is removed from the person\n',
          );
      });
    });
}
