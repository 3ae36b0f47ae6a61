import { ENCLAVE, FALLEN, type Place, place } from './areas.ts';
import type { CastMember } from './cast.ts';
import { phaseAt } from './plan.ts';
import type { Rng } from './prng.ts';
import { arabicIndicDigits, type Kind, type Lang, type ScriptedKind, type Slots, type Template } from './texts.ts';
import { AR, AR_NEWS, AR_PERISCOPE, AR_ROLE, AR_SCRIPTED, AR_VIRAL } from './texts-ar.ts';
import { EN, EN_NEWS, EN_PERISCOPE, EN_ROLE, EN_SCRIPTED, EN_VIRAL } from './texts-en.ts';
import { localHour } from './time.ts';

const WEAPONS = [
  { en: 'barrel bombs', ar: 'البراميل المتفجرة' },
  { en: 'cluster bombs', ar: 'القنابل العنقودية' },
  { en: 'heavy artillery', ar: 'المدفعية الثقيلة' },
  { en: 'airstrikes', ar: 'الغارات الجوية' },
  { en: 'rocket launchers', ar: 'راجمات الصواريخ' },
  { en: '"elephant" rockets', ar: 'صواريخ الفيل' },
] as const;

const BLOOD = ['O-', 'O+', 'A-', 'A+', 'B-', 'B+', 'AB+'] as const;

export function makeSlots(rng: Rng, member: CastMember, ms: number, lang: Lang): Slots {
  const home = place(member.area);
  const area: Place = rng.chance(0.4) ? home : rng.pick(ENCLAVE);
  const others = ENCLAVE.filter((p) => p.key !== area.key);
  const indic = lang === 'ar' && rng.chance(0.6);
  return {
    role: member.role,
    phase: phaseAt(ms),
    hour: localHour(ms),
    home,
    area,
    area2: rng.pick(others),
    fled: rng.pick(FALLEN),
    weapon: rng.pick(WEAPONS),
    n: rng.int(11, 60),
    m: rng.int(15, 90),
    k: rng.int(3, 9),
    hours: rng.int(3, 10),
    days: rng.int(3, 9),
    temp: rng.int(3, 6),
    thousands: rng.int(50, 100),
    blood: rng.pick(BLOOD),
    other: { en: '', ar: '' },
    num: (n) => (indic ? arabicIndicDigits(n) : String(n)),
  };
}

export function pickLang(rng: Rng, member: CastMember): Lang {
  return rng.chance(member.arabic) ? 'ar' : 'en';
}

export function pickKind(rng: Rng, member: CastMember, ms: number): Kind {
  const phase = phaseAt(ms);
  const hour = localHour(ms);
  const w: Record<Kind, number> = {
    shelling: 3,
    plea_evacuation: 2,
    plea_medical: 1,
    alive: 2,
    life: 2,
    role: 3,
    news: 1,
    viral: 0.4,
  };
  if (member.role === 'doctor' || member.role === 'nurse' || member.role === 'pharmacist') w.plea_medical = 3;
  if (member.role === 'journalist') {
    w.shelling = 4;
    w.news = 2.5;
  }
  if (member.role === 'rescuer') w.role = 4;
  if (member.role === 'parent') {
    w.life = 3;
    w.plea_evacuation = 3;
  }
  if (hour >= 6 && hour < 10) w.alive += 3;
  if (phase === 'deal') w.news += 4;
  if (phase === 'collapse') {
    w.news += 2;
    w.plea_evacuation += 2;
  }
  return rng.weighted(Object.entries(w) as [Kind, number][]);
}

function templatesFor(kind: Kind, lang: Lang, slots: Slots): Template[] {
  if (kind === 'role') return (lang === 'ar' ? AR_ROLE : EN_ROLE)[slots.role];
  if (kind === 'news') return (lang === 'ar' ? AR_NEWS : EN_NEWS)[slots.phase];
  if (kind === 'viral') throw new RangeError('viral posts are variants, not templates');
  return (lang === 'ar' ? AR : EN)[kind];
}

const VIRAL_PREFIX: Record<Lang, readonly string[]> = {
  en: ['', '', 'Please share: ', 'RETWEET PLEASE. ', 'From a friend inside: '],
  ar: ['', '', 'انشروا رجاءً: ', 'عاجل: ', 'من صديق في الداخل: '],
};
const VIRAL_SUFFIX: Record<Lang, readonly string[]> = {
  en: ['', ' #SaveAleppo', ' #StandWithAleppo #Aleppo', ' 💔'],
  ar: ['', ' #حلب_تباد', ' #أنقذوا_حلب #حلب', ' 💔'],
};

/** A copy-paste variant of the plea everyone was forwarding: same core text, different wrapping. */
export function viralVariant(rng: Rng, lang: Lang): string {
  let core = lang === 'ar' ? AR_VIRAL : EN_VIRAL;
  if (rng.chance(0.3)) core = lang === 'ar' ? core.replaceAll('. ', '، ') : core.replaceAll('. ', '... ');
  if (rng.chance(0.2)) core = lang === 'ar' ? `${core}!` : `${core}!!`;
  return `${rng.pick(VIRAL_PREFIX[lang])}${core}${rng.pick(VIRAL_SUFFIX[lang])}`;
}

export function ordinaryText(rng: Rng, member: CastMember, ms: number, lang: Lang, platform: string): string {
  const slots = makeSlots(rng, member, ms, lang);
  if (platform === 'periscope') return rng.pick(lang === 'ar' ? AR_PERISCOPE : EN_PERISCOPE)(slots);
  const kind = pickKind(rng, member, ms);
  if (kind === 'viral') return viralVariant(rng, lang);
  const templates = templatesFor(kind, lang, slots);
  // Templates tied to the morning or the night return '' at other hours: pick again.
  for (let i = 0; i < 20; i++) {
    const text = rng.pick(templates)(slots);
    if (text) return text;
  }
  return viralVariant(rng, lang);
}

export function scriptedText(
  rng: Rng,
  member: CastMember,
  kind: ScriptedKind,
  ms: number,
  lang: Lang,
  overrides: Partial<Slots> = {},
): string {
  const slots = { ...makeSlots(rng, member, ms, lang), ...overrides };
  return rng.pick((lang === 'ar' ? AR_SCRIPTED : EN_SCRIPTED)[kind])(slots);
}
