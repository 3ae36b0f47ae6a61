import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/generate.ts';
import { JsonlMessage } from '../../src/demo/schema.ts';
import { renderDemo } from '../../src/demo/write.ts';
import { parseMinimal } from '../../src/sources/minimal-message.ts';

const demo = generateDemo();
const t = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

const handleOf = (m: JsonlMessage) => (typeof m.author === 'string' ? m.author : m.author.id);
const personOfAccount = new Map<string, string>();
for (const p of demo.people) for (const a of p.accounts) personOfAccount.set(a, p.key);
const personOf = (m: JsonlMessage) => personOfAccount.get(`${m.platform}:${handleOf(m)}`);
const postsOf = (key: string) => demo.messages.filter((m) => personOf(m) === key);

function medianGapMs(times: number[]): number {
  const gaps = times
    .slice(1)
    .map((x, i) => x - times[i])
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

describe('generateDemo: determinism', () => {
  it('gives identical bytes for the same seed', () => {
    const a = renderDemo(generateDemo(2016));
    const b = renderDemo(generateDemo(2016));
    assert.equal(a.messages, b.messages);
    assert.equal(a.people, b.people);
    assert.equal(a.scenario, b.scenario);
  });

  it('gives different messages for a different seed, with the same storyline', () => {
    const other = generateDemo(7);
    assert.notEqual(renderDemo(other).messages, renderDemo(demo).messages);
    assert.deepEqual(other.facts.farewells, demo.facts.farewells);
    assert.deepEqual(other.facts.outage, demo.facts.outage);
  });
});

describe('generateDemo: shape', () => {
  it('writes messages the JSONL importer accepts, with +02:00 offsets inside the five days', () => {
    assert.ok(demo.messages.length > 500, `only ${demo.messages.length} messages`);
    const start = t(demo.facts.start);
    const end = t(demo.facts.end);
    assert.equal(end - start, 5 * 24 * HOUR);
    for (const m of demo.messages) {
      JsonlMessage.parse(m);
      const parsed = parseMinimal(m);
      assert.ok(parsed.ok, `rejected: ${JSON.stringify(m)}`);
      assert.match(m.postedAt, /^2016-12-1\dT\d\d:\d\d:\d\d\+02:00$/);
      assert.ok(t(m.postedAt) >= start && t(m.postedAt) < end, m.postedAt);
      assert.ok(m.text.length > 0);
      if (m.url) assert.match(m.url, /^https:\/\/demo\.invalid\//);
    }
  });

  it('is time-ordered with unique identities, and every author is a watched account', () => {
    const seen = new Set<string>();
    let last = 0;
    for (const m of demo.messages) {
      const key = `${m.platform}|${handleOf(m)}|${m.id}`;
      assert.ok(!seen.has(key), `duplicate ${key}`);
      seen.add(key);
      assert.ok(t(m.postedAt) >= last);
      last = t(m.postedAt);
      assert.ok(personOf(m), `author ${m.platform}:${handleOf(m)} is on nobody's account list`);
    }
  });

  it('has twenty people, each posting on at least two platforms', () => {
    assert.equal(demo.people.length, 20);
    assert.equal(new Set(demo.people.map((p) => p.key)).size, 20);
    for (const p of demo.people) {
      assert.match(p.nameAr, /[\u0600-\u06FF]/);
      assert.ok(p.accounts.length >= 2, p.key);
      assert.ok(new Set(postsOf(p.key).map((m) => m.platform)).size >= 2, `${p.key} posts on one platform only`);
    }
    const platforms = new Set(demo.messages.map((m) => m.platform));
    for (const p of ['twitter', 'telegram', 'whatsapp', 'facebook', 'mastodon', 'bluesky'])
      assert.ok(platforms.has(p), p);
  });

  it('has individual rhythms: hourly posters and a once-a-day poster', () => {
    const medians = demo.people.map((p) => medianGapMs(postsOf(p.key).map((m) => t(m.postedAt))));
    assert.ok(
      medians.some((g) => g < 1.5 * HOUR),
      'no hourly poster',
    );
    assert.ok(
      medians.some((g) => g > 12 * HOUR),
      'no once-a-day poster',
    );
  });
});

for (const seed of [2016, 1, 42, 31337]) {
  describe(`generateDemo(${seed}): the situations the watchlist must show`, () => {
    const demo = generateDemo(seed);
    const postsOf = (key: string) => demo.messages.filter((m) => personOf(m) === key);

    it('has a person who goes silent for good, far beyond their usual gap', () => {
      const [silence] = demo.facts.silences;
      const posts = postsOf(silence.person).map((m) => t(m.postedAt));
      assert.ok(posts.length >= 10);
      assert.equal(Math.max(...posts), t(silence.lastPostAt));
      const silentFor = t(demo.facts.end) - t(silence.lastPostAt);
      assert.ok(silentFor >= 24 * HOUR);
      assert.ok(silentFor > 10 * medianGapMs(posts), 'silence not unusual for this person');
      // The same neighbourhood keeps posting: it is not an outage.
      const area = demo.people.find((p) => p.key === silence.person)!.area;
      const neighbours = demo.people.filter((p) => p.area === area && p.key !== silence.person);
      const after = neighbours.flatMap((p) => postsOf(p.key)).filter((m) => t(m.postedAt) > t(silence.lastPostAt));
      assert.ok(after.length >= 5);
    });

    it('has a person quieter than usual at the end, but not silent for long', () => {
      const [quiet] = demo.facts.quiet;
      const times = postsOf(quiet.person).map((m) => t(m.postedAt));
      assert.equal(Math.max(...times), t(quiet.lastPostAt));
      const gap = t(demo.facts.end) - t(quiet.lastPostAt);
      const usual = medianGapMs(times);
      assert.ok(gap > 2 * usual && gap < 12 * HOUR, `gap ${gap / HOUR} h, usual ${usual / HOUR} h`);
    });

    it('has an area outage: everyone in it quiet for the whole window, then back; other areas keep posting', () => {
      const { outage } = demo.facts;
      const from = t(outage.window.from);
      const to = t(outage.window.to);
      assert.ok(to - from >= 4 * HOUR);
      assert.ok(outage.people.length >= 3);
      for (const key of outage.people) {
        assert.equal(demo.people.find((p) => p.key === key)!.area, outage.area);
        const times = postsOf(key).map((m) => t(m.postedAt));
        assert.equal(times.filter((x) => x >= from && x < to).length, 0, `${key} posted during the outage`);
        assert.ok(
          times.some((x) => x >= from - HOUR && x < from),
          `${key} not posting in the hour before the outage`,
        );
        assert.ok(
          times.some((x) => x >= to && x < to + HOUR),
          `${key} not back within the hour`,
        );
      }
      const elsewhere = demo.messages.filter((m) => t(m.postedAt) >= from && t(m.postedAt) < to);
      assert.ok(elsewhere.length >= 20);
      assert.ok(demo.people.filter((p) => p.area === outage.area).every((p) => outage.people.includes(p.key)));
    });

    it('has a final farewell and a farewell followed by two days of posts', () => {
      const final = demo.facts.farewells.find((f) => !f.thenActive)!;
      const resumed = demo.facts.farewells.find((f) => f.thenActive)!;
      const farewell = /goodbye|last tweet|رسالتي الأخيرة|وداعاً/i;
      for (const f of [final, resumed]) {
        const at = postsOf(f.person).filter((m) => m.postedAt === f.at);
        assert.ok(at.length === 1 && farewell.test(at[0].text), `no farewell by ${f.person} at ${f.at}`);
      }
      const afterFinal = postsOf(final.person).filter((m) => t(m.postedAt) > t(final.at));
      assert.ok(
        afterFinal.every((m) => farewell.test(m.text)),
        'posts after a final farewell other than its copies',
      );
      const afterResumed = postsOf(resumed.person)
        .filter((m) => t(m.postedAt) > t(resumed.at))
        .map((m) => t(m.postedAt));
      assert.ok(afterResumed.length >= 20);
      assert.ok(Math.max(...afterResumed) - t(resumed.at) >= 40 * HOUR);
    });

    it('has an "alive and safe" post as the last word of its author', () => {
      const [safe] = demo.facts.aliveAndSafe;
      const posts = postsOf(safe.person);
      const last = posts.filter((m) => t(m.postedAt) >= t(safe.at));
      assert.ok(last.length >= 1 && last.every((m) => /alive and safe|أحياء وبأمان/.test(m.text)));
    });

    it('has a going-offline notice as the last word of its author', () => {
      const [off] = demo.facts.goingOffline;
      const last = postsOf(off.person).filter((m) => t(m.postedAt) >= t(off.at));
      assert.ok(last.some((m) => m.postedAt === off.at && /سأنقطع عن الإنترنت|offline/.test(m.text)));
      // the notice, its cross-post and the rest of a split tweet; nothing else after it
      assert.ok(last.every((m) => t(m.postedAt) - t(off.at) <= 10 * 60_000));
    });

    it('has pleas, "we are alive" updates and shelling reports in both languages', () => {
      const count = (re: RegExp, lang: string) =>
        demo.messages.filter((m) => m.lang === lang && re.test(m.text)).length;
      assert.ok(count(/safe corridor|evacuat|URGENT|plea|safe passage/i, 'en') >= 10);
      assert.ok(count(/نناشد|أنقذوا|عاجل|نداء|ممراً آمناً/, 'ar') >= 10);
      assert.ok(count(/still alive|we are alive|survived/i, 'en') >= 5);
      assert.ok(count(/ما زلنا أحياء|نحن أحياء|على قيد الحياة|نَحْنُ بِخَيْرٍ/, 'ar') >= 5);
      assert.ok(count(/killed|dead/, 'en') >= 5);
      assert.ok(count(/[٠-٩]+ شهيداً/, 'ar') >= 1, 'no casualty figure in Arabic-Indic digits');
      assert.ok(count(/[0-9]+ شهيداً/, 'ar') >= 1, 'no casualty figure in ASCII digits in Arabic');
    });

    it('mixes Arabic and English, with tashkeel, near-duplicates and reposts', () => {
      const ar = demo.messages.filter((m) => m.lang === 'ar').length;
      const en = demo.messages.filter((m) => m.lang === 'en').length;
      assert.ok(ar > 0.3 * demo.messages.length && en > 0.3 * demo.messages.length, `${ar} ar / ${en} en`);
      assert.ok(
        demo.messages.some((m) => /[\u064B-\u0652]/.test(m.text)),
        'no tashkeel',
      );
      const viral = demo.messages.filter((m) => m.text.includes('This is not a war') || m.text.includes('ليس حرباً'));
      assert.ok(viral.length >= 3 && new Set(viral.map((m) => m.text)).size >= 2, 'no copy-paste variants');
      const reposts = demo.messages.filter((m) => m.repostOf);
      assert.ok(reposts.length >= 5);
      for (const r of reposts) {
        assert.match(r.text, /^RT @/);
        assert.ok(demo.messages.some((m) => m.platform === r.platform && m.id === r.repostOf));
      }
    });
  });
}
