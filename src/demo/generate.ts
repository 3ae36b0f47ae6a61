import { place } from './areas.ts';
import { CAST, type CastMember } from './cast.ts';
import { ordinaryText, pickLang, scriptedText } from './compose.ts';
import { demoUrl, IdMinter } from './ids.ts';
import { PLAN, planForbids } from './plan.ts';
import { createRng, type Rng } from './prng.ts';
import { isAsleep, postingTimes } from './rhythm.ts';
import { DEMO_NOTICE, type DemoFacts, type DemoPerson, type JsonlMessage } from './schema.ts';
import type { Lang, ScriptedKind, Slots } from './texts.ts';
import { formatWithOffset, HOUR, MINUTE, parseTime } from './time.ts';

export const DEMO_SEED = 2016;

export interface DemoScenario {
  seed: number;
  notice: string;
  /** Time-ordered, in the minimal JSONL shape `vigil import` reads. */
  messages: JsonlMessage[];
  people: DemoPerson[];
  facts: DemoFacts;
}

type Account = CastMember['accounts'][number];

interface Draft {
  ms: number;
  member: CastMember;
  account: Account;
  text: string;
  lang: Lang;
  /** Scripted posts are placed by the plan and exempt from its cuts. */
  scripted: boolean;
  original: boolean;
  mediaName?: string;
  repostOf?: Draft;
}

const TWEET_MAX = 140;

/**
 * Builds the demo scenario: a fictional besieged district of eastern Aleppo over five days in
 * December 2016. Same seed, same bytes.
 */
export function generateDemo(seed: number = DEMO_SEED): DemoScenario {
  const rng = createRng(seed);
  const startMs = parseTime(PLAN.start);
  const endMs = parseTime(PLAN.end);
  const drafts: Draft[] = [];

  for (const member of CAST) {
    const r = rng.fork(member.key);
    for (const t of postingTimes(member.rhythm, r, startMs, endMs)) {
      if (planForbids(member.key, member.area, t)) continue;
      const account = pickAccount(r, member);
      const lang = pickLang(r, member);
      emit(drafts, r, member, account, t, ordinaryText(r, member, t, lang, account.platform), lang, false);
    }
    addScripted(drafts, r, member);
  }
  addReposts(drafts, rng.fork('reposts'), endMs);

  const kept = drafts
    .filter((d) => d.ms < endMs && (d.scripted || !planForbids(d.member.key, d.member.area, d.ms)))
    .sort(compareDrafts);
  const minter = new IdMinter(rng.fork('ids'));
  const ids = new Map<Draft, string>();
  const messages = kept.map((d) => {
    const id = minter.mint(d.account.platform, d.account.handle, d.ms);
    ids.set(d, id);
    return toMessage(d, id, d.repostOf && ids.get(d.repostOf));
  });
  return { seed, notice: DEMO_NOTICE, messages, people: CAST.map(toPerson), facts: buildFacts(kept, endMs) };
}

function pickAccount(rng: Rng, member: CastMember): Account {
  return rng.weighted(member.accounts.map((a) => [a, a.weight] as const));
}

function emit(
  drafts: Draft[],
  rng: Rng,
  member: CastMember,
  account: Account,
  ms: number,
  text: string,
  lang: Lang,
  scripted: boolean,
): void {
  pushParts(drafts, rng, { ms, member, account, text, lang, scripted, original: true });
  const others = member.accounts.filter((a) => a !== account && a.platform !== 'periscope');
  if (account.platform !== 'periscope' && others.length > 0 && rng.chance(member.crossPost)) {
    const copyMs = ms + rng.int(60, 360) * 1000;
    pushParts(drafts, rng, { ms: copyMs, member, account: rng.pick(others), text, lang, scripted, original: false });
  }
}

/** Long texts become a numbered thread on Twitter, which had a 140-character limit in 2016. */
function pushParts(drafts: Draft[], rng: Rng, draft: Draft): void {
  const parts = draft.account.platform === 'twitter' ? splitThread(draft.text) : [draft.text];
  let ms = draft.ms;
  for (const text of parts) {
    const withMedia = !draft.scripted && draft.account.platform !== 'periscope' && rng.chance(0.05);
    drafts.push({ ...draft, ms, text, mediaName: withMedia ? mediaName(draft.account.platform, ms, rng) : undefined });
    ms += rng.int(20, 90) * 1000;
  }
}

export function splitThread(text: string, max = TWEET_MAX): string[] {
  if (text.length <= max) return [text];
  const room = max - 6;
  const parts: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > room) {
      parts.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) parts.push(current);
  return parts.map((p, i) => `${p} ${i + 1}/${parts.length}`);
}

function mediaName(platform: string, ms: number, rng: Rng): string {
  const local = formatWithOffset(ms);
  const date = local.slice(0, 10).replaceAll('-', '');
  if (platform === 'whatsapp') return `IMG-${date}-WA${String(rng.int(0, 60)).padStart(4, '0')}.jpg`;
  return `IMG_${date}_${local.slice(11, 19).replaceAll(':', '')}.jpg`;
}

function member(key: string): CastMember {
  const found = CAST.find((m) => m.key === key);
  if (!found) throw new RangeError(`unknown demo person ${key}`);
  return found;
}

function script(
  drafts: Draft[],
  rng: Rng,
  m: CastMember,
  kind: ScriptedKind,
  ms: number,
  lang: Lang,
  overrides: Partial<Slots> = {},
  platform?: string,
): void {
  const account = (platform && m.accounts.find((a) => a.platform === platform)) || m.accounts[0];
  emit(drafts, rng, m, account, ms, scriptedText(rng, m, kind, ms, lang, overrides), lang, true);
}

function addScripted(drafts: Draft[], rng: Rng, m: CastMember): void {
  const sukkari = place(PLAN.outage.area);
  const outageFrom = parseTime(PLAN.outage.from);
  const outageTo = parseTime(PLAN.outage.to);
  if (m.area === PLAN.outage.area) {
    // Everyone there posts in the hour before the cut, so the shared silence starts sharply.
    const before = outageFrom - rng.int(5 * 60, 55 * 60) * 1000;
    const lang = pickLang(rng, m);
    emit(drafts, rng, m, m.accounts[0], before, ordinaryText(rng, m, before, lang, m.accounts[0].platform), lang, true);
    const back = outageTo + rng.int(4 * 60, 45 * 60) * 1000;
    script(drafts, rng, m, 'back_online', back, pickLang(rng, m), {
      hours: Math.round((outageTo - outageFrom) / HOUR),
    });
  }
  if (m.key === PLAN.outageNoticed.person) {
    const at = parseTime(PLAN.outageNoticed.at);
    script(drafts, rng, m, 'outage_noticed', at, 'en', { area: sukkari, hours: Math.floor((at - outageFrom) / HOUR) });
  }
  if (m.key === PLAN.quiet.person) {
    const last = parseTime(PLAN.quiet.from) - rng.int(60, 600) * 1000;
    const lang = pickLang(rng, m);
    pushParts(drafts, rng, {
      ms: last,
      member: m,
      account: m.accounts[0],
      text: ordinaryText(rng, m, last, lang, m.accounts[0].platform),
      lang,
      scripted: true,
      original: true,
    });
  }
  if (m.key === PLAN.silence.person) {
    script(drafts, rng, m, 'last_words', parseTime(PLAN.silence.lastPostAt), 'ar', {}, 'twitter');
  }
  if (m.key === PLAN.askingAfter.person) {
    const about = member(PLAN.askingAfter.about);
    script(drafts, rng, m, 'asking_after', parseTime(PLAN.askingAfter.at), 'ar', {
      other: { en: about.name, ar: about.nameAr },
    });
  }
  if (m.key === PLAN.farewellThenActive.person) {
    script(drafts, rng, m, 'farewell', parseTime(PLAN.farewellThenActive.at), 'en', {}, 'twitter');
    script(drafts, rng, m, 'after_farewell', parseTime(PLAN.farewellThenActive.resumesAt), 'en', {}, 'twitter');
  }
  if (m.key === PLAN.farewellFinal.person) {
    script(drafts, rng, m, 'farewell', parseTime(PLAN.farewellFinal.at), 'ar', {}, 'facebook');
  }
  if (m.key === PLAN.goingOffline.person) {
    const at = parseTime(PLAN.goingOffline.at);
    script(drafts, rng, m, 'going_offline', at, 'ar', {}, 'telegram');
    script(drafts, rng, m, 'going_offline', at + 3 * MINUTE, 'en', {}, 'twitter');
  }
  if (m.key === PLAN.aliveAndSafe.person) {
    const at = parseTime(PLAN.aliveAndSafe.at);
    const shelter = { area2: place('bustan-al-qasr') };
    script(drafts, rng, m, 'alive_and_safe', at, 'ar', shelter, 'telegram');
    script(drafts, rng, m, 'alive_and_safe', at + 2 * MINUTE, 'en', shelter, 'twitter');
  }
}

/** Old-style retweets: `RT @handle: text`, cut to 140 characters. */
function addReposts(drafts: Draft[], rng: Rng, endMs: number): void {
  const tweets = drafts.filter((d) => d.original && d.account.platform === 'twitter').sort(compareDrafts);
  const tweeters = CAST.filter((m) => m.accounts.some((a) => a.platform === 'twitter'));
  for (const tweet of tweets) {
    if (!rng.chance(0.07)) continue;
    const ms = tweet.ms + rng.int(2, 120) * MINUTE;
    const candidates = tweeters.filter(
      (m) => m !== tweet.member && !planForbids(m.key, m.area, ms) && !isAsleep(m.rhythm, ms),
    );
    if (ms >= endMs || candidates.length === 0) continue;
    const by = rng.pick(candidates);
    const rt = `RT @${tweet.account.handle}: ${tweet.text}`;
    drafts.push({
      ms,
      member: by,
      account: by.accounts.find((a) => a.platform === 'twitter')!,
      text: rt.length > TWEET_MAX ? `${rt.slice(0, TWEET_MAX - 1)}…` : rt,
      lang: tweet.lang,
      scripted: false,
      original: false,
      repostOf: tweet,
    });
  }
}

function compareDrafts(a: Draft, b: Draft): number {
  return (
    a.ms - b.ms || cmp(a.member.key, b.member.key) || cmp(a.account.platform, b.account.platform) || cmp(a.text, b.text)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toMessage(d: Draft, id: string, repostOf: string | undefined): JsonlMessage {
  const { platform, handle } = d.account;
  const displayName = platform === 'whatsapp' || platform === 'facebook' ? d.member.nameAr : d.member.name;
  const url = demoUrl(platform, handle, id);
  return {
    platform,
    id,
    author: { id: handle, handle, displayName },
    postedAt: formatWithOffset(d.ms),
    text: d.text,
    ...(url ? { url } : {}),
    lang: d.lang,
    ...(d.mediaName ? { media: [{ mime: 'image/jpeg', originalName: d.mediaName }] } : {}),
    ...(repostOf ? { repostOf } : {}),
  };
}

function toPerson(m: CastMember): DemoPerson {
  const p = place(m.area);
  return {
    key: m.key,
    name: m.name,
    nameAr: m.nameAr,
    accounts: m.accounts.map((a) => `${a.platform}:${a.handle}`),
    area: p.en,
    areaAr: p.ar,
    tags: [m.role, ...(m.extraTags ?? [])],
  };
}

function lastPostBefore(drafts: Draft[], key: string, ms: number): number | undefined {
  let last: number | undefined;
  for (const d of drafts) if (d.member.key === key && d.ms <= ms) last = d.ms;
  return last;
}

function buildFacts(drafts: Draft[], endMs: number): DemoFacts {
  const sukkari = place(PLAN.outage.area);
  const outagePeople = CAST.filter((m) => m.area === PLAN.outage.area).map((m) => m.key);
  const scriptedPeople = new Set([
    PLAN.silence.person,
    PLAN.farewellFinal.person,
    PLAN.farewellThenActive.person,
    PLAN.aliveAndSafe.person,
    PLAN.quiet.person,
    PLAN.goingOffline.person,
  ]);
  /** People whose last post before `at` is within their usual gap: the scenario shows them active there. */
  const activeAt = (at: number, exclude: Set<string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const m of CAST) {
      if (exclude.has(m.key) || m.rhythm.dailyAt !== undefined) continue;
      const last = lastPostBefore(drafts, m.key, at);
      if (last !== undefined && at - last <= m.rhythm.meanGapMin * MINUTE) out[m.key] = 'active';
    }
    return out;
  };
  const duringOutage = parseTime('2016-12-12T18:00:00+02:00');
  const afterFarewell = parseTime('2016-12-13T12:00:00+02:00');
  const silentLast = lastPostBefore(drafts, PLAN.silence.person, endMs)!;
  const end = formatWithOffset(endMs);
  return {
    start: PLAN.start,
    end,
    silences: [{ person: PLAN.silence.person, lastPostAt: formatWithOffset(silentLast) }],
    outage: {
      area: sukkari.en,
      areaAr: sukkari.ar,
      people: outagePeople,
      window: { from: PLAN.outage.from, to: PLAN.outage.to },
    },
    farewells: [
      { person: PLAN.farewellThenActive.person, at: PLAN.farewellThenActive.at, thenActive: true },
      { person: PLAN.farewellFinal.person, at: PLAN.farewellFinal.at, thenActive: false },
    ],
    aliveAndSafe: [{ person: PLAN.aliveAndSafe.person, at: PLAN.aliveAndSafe.at }],
    goingOffline: [{ person: PLAN.goingOffline.person, at: PLAN.goingOffline.at }],
    quiet: [
      { person: PLAN.quiet.person, lastPostAt: formatWithOffset(lastPostBefore(drafts, PLAN.quiet.person, endMs)!) },
    ],
    checkpoints: [
      {
        at: formatWithOffset(duringOutage),
        note: `network cut in ${sukkari.en}: everyone there silent at once`,
        expect: {
          ...activeAt(duringOutage, new Set([...outagePeople, ...scriptedPeople])),
          ...Object.fromEntries(outagePeople.map((k) => [k, 'outage'])),
        },
      },
      {
        at: formatWithOffset(afterFarewell),
        note: `${member(PLAN.farewellThenActive.person).name} said goodbye last night and is posting again`,
        expect: {
          ...activeAt(afterFarewell, scriptedPeople),
          [PLAN.farewellThenActive.person]: 'farewell_then_active',
        },
      },
      {
        at: end,
        note: `end: ${member(PLAN.silence.person).name} silent, ${member(PLAN.farewellFinal.person).name} after a farewell, ${member(PLAN.aliveAndSafe.person).name} safe, ${member(PLAN.goingOffline.person).name} announced going offline`,
        expect: {
          ...activeAt(endMs, scriptedPeople),
          [PLAN.silence.person]: 'silent',
          [PLAN.farewellFinal.person]: 'farewell',
          [PLAN.farewellThenActive.person]: 'farewell_then_active',
          [PLAN.aliveAndSafe.person]: 'alive_and_safe',
          [PLAN.quiet.person]: 'quiet',
          [PLAN.goingOffline.person]: 'offline_announced',
        },
      },
    ],
  };
}
