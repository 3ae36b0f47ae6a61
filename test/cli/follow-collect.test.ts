import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeMastodon } from '../helpers/fake-mastodon.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function vigil(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], {
      env: {
        ...process.env,
        VIGIL_DATABASE_URL: '',
        VIGIL_FETCH_ALLOW: '127.0.0.0/8',
        VIGIL_FETCH_INTERVAL_MS: '0',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end();
  });
}

describe('vigil follow, collect --once, sources', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  let fake: FakeMastodon;
  before(async () => {
    fake = await new FakeMastodon().start();
    fake.post('first post');
  });
  after(async () => {
    await fake.close();
    dir.remove();
  });

  it('follows, refuses what no source reads, lists and removes', async () => {
    const add = await vigil([
      'follow',
      'add',
      'mastodon:@amal@Social.Example',
      '--base-url',
      fake.server.url,
      '--data',
      data,
    ]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /following mastodon:amal@social\.example/);
    assert.match(
      (await vigil(['follow', 'add', 'mastodon:amal@social.example', '--data', data])).stdout,
      /already following/,
    );
    const bad = await vigil(['follow', 'add', 'myspace:tom', '--data', data]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no live source for "myspace"/);
    const noInstance = await vigil(['follow', 'add', 'mastodon:amal', '--data', data]);
    assert.equal(noInstance.code, 2);
    assert.match(noInstance.stderr, /expected user@instance/);
    await vigil(['follow', 'add', 'rss:http://127.0.0.1:9/feed.xml', '--data', data]);
    const list = await vigil(['follow', 'list', '--json', '--data', data]);
    assert.deepEqual(
      JSON.parse(list.stdout).map((f: { key: string }) => f.key),
      ['mastodon:amal@social.example', 'rss:http://127.0.0.1:9/feed.xml'],
    );
    assert.equal((await vigil(['follow', 'remove', 'rss:http://127.0.0.1:9/feed.xml', '--data', data])).code, 0);
    assert.equal((await vigil(['follow', 'remove', 'rss:http://127.0.0.1:9/feed.xml', '--data', data])).code, 4);
  });

  it('collect --once exits 0 when every source answered, and vigil sources says ok', async () => {
    const r = await vigil(['collect', '--once', '--data', data]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /mastodon:amal@social\.example {2}ok: 1 new or changed/);
    const s = JSON.parse((await vigil(['sources', '--json', '--data', data])).stdout);
    assert.equal(s.follows[0].state, 'ok');
    assert.equal(s.follows[0].itemsLastDay, 1);
    assert.equal(s.platforms[0].platform, 'mastodon');
  });

  it('follows a watched person’s accounts, and exits 6 when a source does not answer', async () => {
    const added = await vigil([
      'people',
      'add',
      '--name',
      'Omar',
      '--account',
      'rss:http://127.0.0.1:9/omar.xml',
      '--account',
      'twitter:omar',
      '--data',
      data,
    ]);
    assert.equal(added.code, 0, added.stderr);
    const r = await vigil(['collect', '--once', '--data', data]);
    assert.equal(r.code, 6, r.stdout + r.stderr);
    assert.match(r.stdout, /rss:http:\/\/127\.0\.0\.1:9\/omar\.xml {2}degraded: .*127\.0\.0\.1:9/);
    const list = JSON.parse((await vigil(['follow', 'list', '--json', '--data', data])).stdout);
    const auto = list.find((f: { key: string }) => f.key === 'rss:http://127.0.0.1:9/omar.xml');
    assert.equal(auto.auto, true);
    assert.match(auto.personId, /^p-/);
    const text = (await vigil(['sources', '--data', data])).stdout;
    assert.match(text, /rss: degraded {2}1 followed \(1 degraded\)/);
    assert.match(text, /\(Omar\)\n {4}last success never; next try .*\n {4}last error .*: /);
    assert.match(text, /twitter:omar {2}auth_needed {2}\(Omar\)[\s\S]*VIGIL_X_BEARER_TOKEN/);
  });

  it('vigil watch --collect polls the follows that are due in the same process and stops cleanly on SIGINT', async () => {
    // amal was polled minutes ago and is not due; a new follow is (the fake instance has no such account).
    await vigil(['follow', 'add', 'mastodon:nobody@social.example', '--base-url', fake.server.url, '--data', data]);
    const p = spawn(process.execPath, [VIGIL, 'watch', '--collect', '--data', data], {
      env: { ...process.env, VIGIL_DATABASE_URL: '', VIGIL_FETCH_ALLOW: '127.0.0.0/8', VIGIL_FETCH_INTERVAL_MS: '0' },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const closed = new Promise<number | null>((resolve) => p.on('close', resolve));
    const polled = /collect mastodon:nobody@social\.example {2}degraded: .*not found/;
    for (let i = 0; i < 400 && !polled.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, polled);
    assert.doesNotMatch(out, /collect mastodon:amal@/);
    p.kill('SIGINT');
    assert.equal(await closed, 0, out);
  });

  it('a person whose every source is failing is collection_failing, not silent', async () => {
    await vigil(['collect', '--once', '--data', data]);
    await vigil(['collect', '--once', '--data', data]);
    const status = JSON.parse((await vigil(['status', '--json', '--data', data])).stdout);
    const omar = status.find((r: { person: string }) => r.person === 'Omar');
    assert.equal(omar.state, 'collection_failing');
    assert.match(omar.reason, /^collection failing for rss:http:\/\/127\.0\.0\.1:9\/omar\.xml .*twitter:omar/);
  });
});
