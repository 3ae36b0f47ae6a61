import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../contract.ts';
import type { Database } from '../schema/database.ts';
import type { MessageCountsTable } from '../schema/message-counts.ts';
import { chunk } from './chunk.ts';

/** The columns of a `messages` row its totals are kept by. */
export interface CountedRow {
  platform: string;
  lang: string | null;
  author_id: string;
}

/**
 * The net change one projector batch makes to message_counts and message_authors: each row it stores
 * counts once, each row it replaces is taken off first. Written with one statement per table, not per message.
 */
export class MessageCountChanges {
  private readonly counts = new Map<string, MessageCountsTable>();
  private readonly authors = new Map<string, number>();

  added(row: CountedRow): void {
    this.change(row, 1);
  }

  removed(row: CountedRow): void {
    this.change(row, -1);
  }

  private change(row: CountedRow, by: number): void {
    const keys: Pick<MessageCountsTable, 'kind' | 'value'>[] = [
      { kind: 'platform', value: row.platform },
      row.lang === null ? { kind: 'no-lang', value: '' } : { kind: 'lang', value: row.lang },
    ];
    for (const k of keys) {
      const id = `${k.kind}\u0000${k.value}`;
      const c = this.counts.get(id) ?? { ...k, messages: 0 };
      c.messages += by;
      this.counts.set(id, c);
    }
    this.authors.set(row.author_id, (this.authors.get(row.author_id) ?? 0) + by);
  }

  async write(db: Kysely<Database>, dialect: Dialect): Promise<void> {
    const counts = [...this.counts.values()].filter((c) => c.messages !== 0);
    if (counts.length > 0) {
      await db
        .insertInto('message_counts')
        .values(counts)
        .onConflict((oc) =>
          oc
            .columns(['kind', 'value'])
            .doUpdateSet((eb) => ({ messages: eb('message_counts.messages', '+', eb.ref('excluded.messages')) })),
        )
        .execute();
      if (counts.some((c) => c.messages < 0))
        await db.deleteFrom('message_counts').where('messages', '<=', 0).execute();
    }
    // An author's row only needs adding (most are there already) or, when the batch took messages away,
    // dropping if none is left; the index on messages.author_id answers that.
    const more = [...this.authors].filter(([, n]) => n > 0).map(([id]) => id);
    if (dialect === 'postgres' && more.length > 0) {
      // One array parameter instead of a row of values per author: 2.6 instead of 6.1 ms for 850 authors.
      await sql`insert into message_authors (author_id) select unnest(${more}::text[]) on conflict do nothing`.execute(
        db,
      );
    } else {
      for (const part of chunk(more, 1000)) {
        await db
          .insertInto('message_authors')
          .values(part.map((author_id) => ({ author_id })))
          .onConflict((oc) => oc.column('author_id').doNothing())
          .execute();
      }
    }
    const fewer = [...this.authors].filter(([, n]) => n < 0).map(([id]) => id);
    for (const part of chunk(fewer, 900)) {
      await db
        .deleteFrom('message_authors')
        .where('author_id', 'in', part)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('messages').select('rowkey').whereRef('messages.author_id', '=', 'message_authors.author_id'),
            ),
          ),
        )
        .execute();
    }
  }
}
