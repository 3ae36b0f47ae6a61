import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { PfifStatus, parseAccount } from '../../core/person.ts';
import { findPerson, listNotes, listPeople } from '../../store/queries/people.ts';
import { statusJson } from '../../watch/board.ts';
import { toPfifXml } from '../../watch/pfif.ts';
import { addPerson, boardAt, notePerson } from '../../watch/watchlist.ts';
import { auditCli } from '../audit.ts';
import { printJson, withContext } from '../context.ts';
import { cliActor } from './users.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

function isoAt(v: string | undefined): string {
  if (v === undefined) return new Date().toISOString();
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--at: not a date-time: ${v}`, v);
  return d.toISOString();
}

/** People files: an array of people, or {people: [...]} as the demo writes. */
function readPeopleFile(
  path: string,
): { name: string; nameAr?: string; accounts: string[]; area?: string; tags?: string[] }[] {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const list = Array.isArray(doc) ? doc : doc?.people;
  if (!Array.isArray(list)) throw new UsageError(`${path}: expected an array of people or {"people": [...]}`, path);
  return list;
}

export function registerPeople(program: Command): void {
  const people = program.command('people').description('the watchlist: people, their accounts and status notes');
  people
    .command('add')
    .description('watch a person: their accounts on every platform are one timeline')
    .option('--name <name>', 'name (Latin script)')
    .option('--name-ar <name>', 'name in Arabic')
    .option('--account <platform:handle>', 'an account; repeat for several', collect, [])
    .option('--area <place>', 'where they are (a gazetteer place or free text)')
    .option('--tag <tag>', 'a tag; repeat for several', collect, [])
    .option('--from <file.json>', 'add everyone in a people file (e.g. the demo people.json)')
    .option('--at <time>', 'when (ISO 8601; default now)')
    .option('--json', 'print the added people as JSON')
    .action(async (opts, cmd: Command) => {
      const at = isoAt(opts.at);
      const inputs = opts.from
        ? readPeopleFile(opts.from).map((p) => ({ ...p, accounts: p.accounts.map(parseAccount) }))
        : [
            {
              name: opts.name,
              nameAr: opts.nameAr,
              accounts: (opts.account as string[]).map(parseAccount),
              area: opts.area,
              tags: opts.tag,
            },
          ];
      if (!opts.from && !opts.name) throw new UsageError('give --name (or --from <file.json>)');
      await withContext(cmd, async (ctx) => {
        const added = [];
        for (const input of inputs) added.push(await addPerson(ctx.store, input, cliActor(), at));
        if (opts.json) return printJson(added);
        for (const p of added)
          process.stdout.write(`${p.id}  ${p.name}${p.area ? `  (${p.areaKey ?? p.area})` : ''}\n`);
      });
    });
  people
    .command('list')
    .description('everyone on the watchlist')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const list = await listPeople(ctx.store.db);
        await auditCli(ctx, 'audit.person_viewed', { list: true, people: list.map((p) => p.id) });
        if (opts.json) return printJson(list);
        if (list.length === 0)
          process.stdout.write(
            'Nobody on the watchlist yet. Add someone with: vigil people add --name <name> --account <platform>:<handle>\n',
          );
        for (const p of list) {
          const accounts = p.accounts.map((a) => `${a.platform}:${a.handle}`).join(' ');
          process.stdout.write(
            `${p.id}  ${p.name}${p.nameAr ? ` / ${p.nameAr}` : ''}  ${p.areaKey ?? p.area ?? '-'}  ${accounts}\n`,
          );
        }
      });
    });
  people
    .command('show <person>')
    .description('a person: accounts, state now (or --at), and every note (id, name or platform:handle)')
    .option('--at <time>', 'evaluate the state at this moment')
    .option('--json')
    .action(async (ref: string, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const p = await findPerson(ctx.store.db, ref);
        const board = await boardAt(ctx.store, Date.parse(isoAt(opts.at)));
        const row = board.rows.find((r) => r.person.id === p.id);
        const notes = await listNotes(ctx.store.db, p.id);
        const status = row ? statusJson(row) : undefined;
        await auditCli(ctx, 'audit.person_viewed', { personId: p.id });
        if (opts.json) return printJson({ person: p, status, notes });
        const w = (s: string) => process.stdout.write(`${s}\n`);
        w(`${p.name}${p.nameAr ? ` / ${p.nameAr}` : ''}  (${p.id})`);
        w(`  area: ${p.areaKey ?? p.area ?? '-'}${p.tags.length ? `   tags: ${p.tags.join(', ')}` : ''}`);
        w(`  accounts: ${p.accounts.map((a) => `${a.platform}:${a.handle}`).join(', ')}`);
        if (status) {
          w(
            `  state: ${status.state}${status.outage ? ` (outage likely in ${status.outage})` : ''}   last seen: ${status.lastSeen ?? 'never'}`,
          );
          w(`  why: ${status.reason}`);
          for (const m of status.lastMessages)
            w(`    ${m.at}  ${m.platform}  ${m.id.slice(0, 16)}${m.url ? `  ${m.url}` : ''}`);
        }
        w(`  notes (${notes.length}):`);
        for (const n of notes) {
          const flags = [
            n.status,
            n.authorMadeContact ? 'author_made_contact' : '',
            n.supersededBy ? `superseded by ${n.supersededBy}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          w(
            `    ${n.at}  ${n.id}  ${n.author}${flags ? `  [${flags}]` : ''}\n      ${n.text.replace(/\n/g, '\n      ')}`,
          );
        }
      });
    });
  people
    .command('note <person>')
    .description('add a status note (never edits: --supersedes points at the note it replaces)')
    .option('--status <pfif>', `PFIF 1.4 status: ${PfifStatus.options.join(', ')}`)
    .option('--contact', 'author_made_contact: you heard from them directly')
    .requiredOption('--text <text>', 'what you know and how')
    .option('--supersedes <note-id>', 'the earlier note this one replaces')
    .option('--at <time>', 'when (ISO 8601; default now)')
    .option('--json')
    .action(async (ref: string, opts, cmd: Command) => {
      let status: PfifStatus | undefined;
      if (opts.status !== undefined) {
        const r = PfifStatus.safeParse(opts.status);
        if (!r.success)
          throw new UsageError(
            `--status must be one of ${PfifStatus.options.join(', ')}, got ${opts.status}`,
            opts.status,
          );
        status = r.data;
      }
      await withContext(cmd, async (ctx) => {
        const note = await notePerson(
          ctx.store,
          ref,
          { status, authorMadeContact: opts.contact ? true : undefined, text: opts.text, supersedes: opts.supersedes },
          cliActor(),
          isoAt(opts.at),
        );
        if (opts.json) return printJson(note);
        process.stdout.write(`${note.id}\n`);
      });
    });
  people
    .command('export')
    .description('write person records and notes as PFIF 1.4 XML (for family-tracing registries)')
    .option('--pfif', 'PFIF 1.4 XML (the only format)')
    .option('--domain <domain>', 'record id domain, e.g. vigil.example.org', 'vigil.local')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts, cmd: Command) => {
      if (!opts.pfif) throw new UsageError('give --pfif (PFIF 1.4 XML is the export format)');
      await withContext(cmd, async (ctx) => {
        const people = await listPeople(ctx.store.db);
        await auditCli(ctx, 'audit.export', { what: 'pfif', people: people.length });
        const xml = toPfifXml(people, await listNotes(ctx.store.db), {
          domain: opts.domain,
          at: new Date().toISOString(),
        });
        if (opts.out) writeFileSync(opts.out, xml);
        else process.stdout.write(xml);
      });
    });
}
