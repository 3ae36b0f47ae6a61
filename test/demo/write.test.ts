import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DemoPeopleFile, DemoScenarioFile, JsonlMessage } from '../../src/demo/schema.ts';
import { writeDemoFiles } from '../../src/demo/write.ts';

describe('writeDemoFiles', () => {
  it('writes labelled, byte-identical files for the same seed', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'vigil-demo-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const a = await writeDemoFiles(path.join(root, 'a'));
    const b = await writeDemoFiles(path.join(root, 'b'));
    for (const name of ['messages.jsonl', 'people.json', 'scenario.json', 'README.txt']) {
      assert.deepEqual(await readFile(path.join(a.dir, name)), await readFile(path.join(b.dir, name)), name);
    }
    assert.deepEqual((await readdir(a.dir)).sort(), ['README.txt', 'messages.jsonl', 'people.json', 'scenario.json']);

    const lines = (await readFile(a.messagesPath, 'utf8')).split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, a.scenario.messages.length);
    for (const line of lines) JsonlMessage.parse(JSON.parse(line));

    const people = DemoPeopleFile.parse(JSON.parse(await readFile(a.peoplePath, 'utf8')));
    assert.match(people.notice, /GENERATED DEMO DATA/);
    assert.equal(people.people.length, 20);
    const scenario = DemoScenarioFile.parse(JSON.parse(await readFile(a.scenarioPath, 'utf8')));
    assert.match(scenario.notice, /not real people/);
    assert.match(await readFile(path.join(a.dir, 'README.txt'), 'utf8'), /^GENERATED DEMO DATA/);
  });

  it('a different seed writes different messages', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'vigil-demo-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    const a = await writeDemoFiles(path.join(root, 'a'), 1);
    const b = await writeDemoFiles(path.join(root, 'b'), 2);
    assert.notDeepEqual(await readFile(a.messagesPath), await readFile(b.messagesPath));
  });
});

describe('demo sources', () => {
  it('never read the clock or Math.random', async () => {
    const dir = path.join(import.meta.dirname, '../../src/demo');
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ts'))) {
      const src = await readFile(path.join(dir, name), 'utf8');
      assert.doesNotMatch(src, /Math\.random|Date\.now|new Date\(\)/, name);
    }
  });
});
