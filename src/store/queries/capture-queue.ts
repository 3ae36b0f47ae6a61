import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../contract.ts';
import type { CaptureJobsTable } from '../schema/capture-jobs.ts';
import type { Database } from '../schema/database.ts';

export interface CaptureJob {
  id: string;
  messageId: string;
  url: string;
  kind: 'media' | 'link' | 'page';
  state: 'pending' | 'done' | 'failed';
  /** Tries started so far (a claim counts one, even when the worker died during it). */
  attempts: number;
  nextTryAt: string;
  leaseOwner?: string;
  leaseUntil?: string;
  lastError?: string;
  requestedSeq: number;
  resultSeq?: number;
  /** The capture.completed / capture.failed payload. */
  result?: unknown;
  updatedAt: string;
}

function toJob(r: CaptureJobsTable): CaptureJob {
  return {
    id: r.id,
    messageId: r.message_id,
    url: r.url,
    kind: r.kind as CaptureJob['kind'],
    state: r.state as CaptureJob['state'],
    attempts: Number(r.attempts),
    nextTryAt: r.next_try_at,
    ...(r.lease_owner ? { leaseOwner: r.lease_owner } : {}),
    ...(r.lease_until ? { leaseUntil: r.lease_until } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    requestedSeq: Number(r.requested_seq),
    ...(r.result_seq != null ? { resultSeq: Number(r.result_seq) } : {}),
    ...(r.result ? { result: JSON.parse(r.result) } : {}),
    updatedAt: r.updated_at,
  };
}

/**
 * Take the next due job: pending, its retry time reached, and no live lease (a worker that was killed
 * leaves a lease that simply runs out). One statement, so two workers never take the same job; on
 * PostgreSQL the row is locked with SKIP LOCKED so concurrent claims pass each other.
 */
export async function claimCaptureJob(
  db: Kysely<Database>,
  dialect: Dialect,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<CaptureJob | undefined> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const r = await sql<CaptureJobsTable>`
    update capture_jobs
       set lease_owner = ${owner}, lease_until = ${until}, attempts = attempts + 1, updated_at = ${at}
     where id = (
       select id from capture_jobs
        where state = 'pending' and next_try_at <= ${at} and (lease_until is null or lease_until <= ${at})
        order by next_try_at, id
        limit 1 ${lock})
    returning *`.execute(db);
  return r.rows[0] ? toJob(r.rows[0]) : undefined;
}

/** A try failed and will be tried again at `nextTryAt`; the lease is given back. */
export async function deferCaptureJob(
  db: Kysely<Database>,
  id: string,
  owner: string,
  error: string,
  nextTryAt: Date,
  now: Date,
): Promise<void> {
  await db
    .updateTable('capture_jobs')
    .set({
      last_error: error,
      next_try_at: nextTryAt.toISOString(),
      lease_owner: null,
      lease_until: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('lease_owner', '=', owner)
    .execute();
}

export async function getCaptureJob(db: Kysely<Database>, id: string): Promise<CaptureJob | undefined> {
  const r = await db.selectFrom('capture_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : undefined;
}

/** Every capture of a message, in the order they were requested. */
export async function captureJobsOf(db: Kysely<Database>, messageId: string): Promise<CaptureJob[]> {
  const rows = await db
    .selectFrom('capture_jobs')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('requested_seq')
    .orderBy('url')
    .execute();
  return rows.map(toJob);
}

export interface CaptureQueueCounts {
  pending: number;
  /** Pending and due now (no live lease, retry time reached). */
  due: number;
  done: number;
  failed: number;
}

export async function captureQueueCounts(db: Kysely<Database>, now: Date): Promise<CaptureQueueCounts> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('capture_jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const due = await db
    .selectFrom('capture_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'pending')
    .where('next_try_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .executeTakeFirstOrThrow();
  const by = new Map(rows.map((r) => [r.state, Number(r.n)]));
  return {
    pending: by.get('pending') ?? 0,
    due: Number(due.n),
    done: by.get('done') ?? 0,
    failed: by.get('failed') ?? 0,
  };
}

/** When the next pending job becomes due (ISO), for a worker deciding how long to sleep. */
export async function nextCaptureDue(db: Kysely<Database>): Promise<string | undefined> {
  const r = await db
    .selectFrom('capture_jobs')
    .select((eb) =>
      eb.fn
        .min(
          sql<string>`case when lease_until is not null and lease_until > next_try_at then lease_until else next_try_at end`,
        )
        .as('t'),
    )
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return (r?.t as string | null) ?? undefined;
}
