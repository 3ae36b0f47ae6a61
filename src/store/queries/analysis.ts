import type { Kysely } from 'kysely';
import { Analysis } from '../../core/analysis.ts';
import type { Database } from '../schema/database.ts';

export interface MessageTriage {
  analysis?: Analysis;
  /** Category shown: the label when a person confirmed one, else the model's. */
  category?: string;
  label?: { category: string; previous?: string; actor: string; at: string };
}

export async function getMessageTriage(db: Kysely<Database>, messageId: string): Promise<MessageTriage> {
  const a = await db.selectFrom('analyses').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  const l = await db.selectFrom('labels').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  return {
    analysis: a ? Analysis.parse(JSON.parse(a.analysis)) : undefined,
    category: l?.category ?? a?.category,
    label: l ? { category: l.category, previous: l.previous ?? undefined, actor: l.actor, at: l.at } : undefined,
  };
}

/** Confirmed labels with their message text, as JSONL lines for `npm run train -- --confirmations`. */
export async function confirmationsJsonl(db: Kysely<Database>): Promise<string> {
  const rows = await db
    .selectFrom('labels')
    .innerJoin('messages', 'messages.id', 'labels.message_id')
    .select(['messages.text', 'labels.category'])
    .orderBy('labels.seq')
    .execute();
  return rows.map((r) => JSON.stringify({ text: r.text, category: r.category })).join('\n') + (rows.length ? '\n' : '');
}
