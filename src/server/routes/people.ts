import { z } from 'zod';
import { PfifStatus } from '../../core/person.ts';
import { findPerson, listNotes, listPeople } from '../../store/queries/people.ts';
import { toPfifXml } from '../../watch/pfif.ts';
import { notePerson } from '../../watch/watchlist.ts';
import { audit } from '../audit.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { loadBoard, loadPerson } from '../watch/board-view.ts';

const At = z.object({
  at: z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time')
    .optional()
    .describe('Evaluate the board at this instant (ISO 8601); the board then reports it as a replay'),
});
const PersonId = z.object({ id: z.string().regex(/^p-[0-9a-f]{4,12}$/, 'a person id: p- and hex digits') });

export async function peopleRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/people',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['people'],
        summary: 'The watchlist board: state, last seen, usual rhythm, sparkline, latest note, outages (audited)',
        querystring: At,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (req) => {
      const board = await loadBoard(ctx, req.query.at);
      await audit(ctx, principalOf(req).username, 'audit.person_viewed', {
        board: true,
        people: board.rows.map((r) => r.personId),
      });
      return board;
    },
  );

  app.get(
    '/api/people/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['people'],
        summary: 'One person: record, state with its reason, notes (audited)',
        params: PersonId,
        querystring: At,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (req, reply) => {
      const person = await findPerson(ctx.store.db, req.params.id).catch(() => undefined);
      const view = person ? await loadPerson(ctx, person.id, req.query.at) : undefined;
      if (!person || !view) return reply.code(404).send({ error: 'not_found', message: `no person ${req.params.id}` });
      await audit(ctx, principalOf(req).username, 'audit.person_viewed', { personId: person.id });
      return { person, ...view };
    },
  );

  app.post(
    '/api/people/:id/notes',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['people'],
        summary: 'Add a note with a PFIF 1.4 status; notes are never edited, a later one may supersede an earlier one',
        params: PersonId,
        body: z.object({
          status: PfifStatus.optional(),
          authorMadeContact: z.boolean().optional(),
          text: z.string().trim().min(1).max(5000),
          supersedes: z
            .string()
            .regex(/^n-[0-9a-f]{16}$/)
            .optional(),
        }),
        response: { 201: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (req, reply) => {
      const person = await findPerson(ctx.store.db, req.params.id).catch(() => undefined);
      if (!person) return reply.code(404).send({ error: 'not_found', message: `no person ${req.params.id}` });
      const note = await notePerson(ctx.store, person.id, req.body, principalOf(req).username, ctx.now().toISOString());
      void ctx.waker.poke();
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/api/export/people.pfif.xml',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['people'],
        summary: 'Export person records and notes as PFIF 1.4 XML for family-tracing registries (audited)',
        querystring: z.object({
          domain: z
            .string()
            .regex(/^[a-z0-9.-]+$/i)
            .max(200)
            .optional(),
        }),
        produces: ['application/xml'],
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const people = await listPeople(ctx.store.db);
      const at = ctx.now().toISOString();
      await audit(ctx, principalOf(req).username, 'audit.export', {
        what: 'people',
        format: 'pfif-1.4',
        count: people.length,
      });
      const xml = toPfifXml(people, await listNotes(ctx.store.db), { domain: req.query.domain ?? 'vigil.local', at });
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="vigil-people.pfif.xml"');
      return reply.send(xml as never);
    },
  );
}
