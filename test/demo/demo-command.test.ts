import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { listPeople } from '../../src/store/queries/people.ts';
import { boardAt } from '../../src/watch/watchlist.ts';

/** Runs `vigil …` in-process, keeping its stdout. */
async function vigil(args: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await main(args), out };
  } finally {
    process.stdout.write = write;
  }
}

describe('vigil demo', () => {
  it('imports the scenario, watches its people, shows every state, and adds nothing the second time', async (t) => {
    const data = await mkdtemp(path.join(tmpdir(), 'vigil-demo-cmd-'));
    t.after(() => rm(data, { recursive: true, force: true }));
    const demo = generateDemo();

    const first = await vigil(['demo', '--data', data, '--json']);
    assert.equal(first.code, 0);
    const report = JSON.parse(first.out.trim().split('\n').pop()!);
    assert.equal(report.import.new, demo.messages.length);
    assert.equal(report.import.rejected, 0);
    assert.equal(report.people.added, 20);

    const again = await vigil(['demo', '--data', data, '--json']);
    assert.equal(again.code, 0);
    const second = JSON.parse(again.out.trim().split('\n').pop()!);
    assert.equal(second.import.new, 0);
    assert.equal(second.import.unchanged, demo.messages.length);
    assert.equal(second.people.added, 0);

    const store = await openVigilStore({ dataDir: data });
    t.after(() => store.close());
    const people = await listPeople(store.db);
    assert.equal(people.length, 20);
    const idOf = new Map(demo.people.map((p) => [p.key, people.find((x) => x.name === p.name)!.id]));

    // The scripted situations, as the watchlist sees them at each checkpoint.
    for (const checkpoint of demo.facts.checkpoints) {
      const board = await boardAt(store, Date.parse(checkpoint.at));
      for (const [key, expected] of Object.entries(checkpoint.expect)) {
        if (expected === 'active') continue;
        const row = board.rows.find((r) => r.person.id === idOf.get(key))!;
        if (expected === 'outage') assert.ok(row.status.outage, `${key} at ${checkpoint.at}: no outage`);
        else assert.equal(row.status.state, expected, `${key} at ${checkpoint.at}`);
      }
    }
  });
});
