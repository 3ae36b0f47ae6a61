import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { domainProjectors } from '../../src/pipeline/open-vigil-store.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { createTestDatabase, PG_URL, withAdmin } from '../helpers/stores.ts';

const sessionsOn = (name: string) =>
  withAdmin(async (c) => {
    const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    return r.rows[0].n as number;
  });

describe('PostgreSQL connections', { skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set' }, () => {
  it('survives the server closing its idle connections, reports it, and reconnects', async () => {
    const db = await createTestDatabase();
    const lost: Error[] = [];
    const store = await openPostgresStore(db.url, domainProjectors, { onConnectionLost: (e) => lost.push(e) });
    try {
      // Several idle connections in the pool.
      await Promise.all([store.ledgerHead(), store.ledgerHead(), store.ledgerHead()]);
      const killed = await withAdmin(async (c) => {
        const r = await c.query(
          'select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1) t',
          [db.name],
        );
        return r.rows[0].n as number;
      });
      assert.ok(killed >= 1, 'the pool held at least one connection to terminate');
      // Wait until the pool has heard of every terminated connection: a query sent on one it has not yet
      // heard of fails like any query in flight when the server goes away (seen once in CI with 1 of 3 heard).
      for (let i = 0; i < 250 && lost.length < killed; i++) await sleep(20);
      assert.equal(lost.length, killed, 'every lost connection was reported');
      assert.match(lost[0].message, /terminat/);
      assert.deepEqual(await store.ledgerHead(), { seq: 0, hash: (await store.ledgerHead()).hash });
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it('an unreachable server or a missing database is a plain StoreUnavailableError, without the password', async () => {
    const url = new URL(PG_URL as string);
    url.password = 'hunter2';
    url.pathname = '/vigil_no_such_database';
    await assert.rejects(
      openPostgresStore(url.toString(), domainProjectors),
      (err: unknown) =>
        err instanceof StoreUnavailableError &&
        /vigil_no_such_database/.test(err.message) &&
        /does not exist|password/.test(err.message) &&
        !err.message.includes('hunter2'),
    );
    url.port = '1';
    await assert.rejects(openPostgresStore(url.toString(), domainProjectors), StoreUnavailableError);
  });

  it('close() returns only after every connection has closed', async () => {
    const db = await createTestDatabase();
    const store = await openPostgresStore(db.url, domainProjectors, { onConnectionLost: () => {} });
    try {
      await Promise.all([store.ledgerHead(), store.ledgerHead(), store.ledgerHead()]);
      assert.ok((await sessionsOn(db.name)) >= 1);
      await store.close();
      assert.equal(await sessionsOn(db.name), 0, 'no session of the store is left on the server');
    } finally {
      await db.drop();
    }
  });
});
