import { z } from 'zod';
import type { App, ServerContext } from '../context.ts';
import { AlertId, PersonId, registerPending } from './pending.ts';

const NoteBody = z.object({
  status: z.enum(['information_sought', 'is_note_author', 'believed_alive', 'believed_missing', 'believed_dead']).optional(),
  authorMadeContact: z.boolean().optional(),
  text: z.string().min(1).max(5000),
});

/** People, alerts and labels: wired to src/watch and src/analysis as those modules land. */
export async function domainRoutes(app: App, _ctx: ServerContext) {
  registerPending(app, [
    { method: 'GET', url: '/api/people', tag: 'people', summary: 'The watchlist board (audited)', missing: 'the watchlist (src/watch)' },
    { method: 'GET', url: '/api/people/:id', tag: 'people', summary: 'A person record with notes (audited)', params: PersonId, missing: 'the watchlist (src/watch)' },
    {
      method: 'POST',
      url: '/api/people/:id/notes',
      tag: 'people',
      summary: 'Add a note with a PFIF status',
      access: 'analyst',
      params: PersonId,
      body: NoteBody,
      missing: 'the watchlist (src/watch)',
    },
    { method: 'GET', url: '/api/alerts', tag: 'alerts', summary: 'Open and acknowledged alerts', missing: 'alerts (src/watch)' },
    {
      method: 'POST',
      url: '/api/alerts/:id/ack',
      tag: 'alerts',
      summary: 'Acknowledge an alert',
      access: 'analyst',
      params: AlertId,
      missing: 'alerts (src/watch)',
    },
    {
      method: 'POST',
      url: '/api/labels',
      tag: 'labels',
      summary: 'Confirm or correct a message’s category',
      access: 'analyst',
      body: z.object({ messageId: z.string(), category: z.string() }),
      missing: 'triage (src/analysis)',
    },
    { method: 'GET', url: '/api/labels', tag: 'labels', summary: 'Recent confirmations by people', missing: 'triage (src/analysis)' },
  ]);
}
