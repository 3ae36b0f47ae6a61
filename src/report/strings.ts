import type { DigestLang, QuotePlace } from './digest-model.ts';

/** The digest's own words in English and Arabic. Quotes are never translated by these. */
export const STRINGS = {
  en: {
    title: 'Vigil digest',
    window: 'Window',
    generated: 'Generated',
    placeAll: 'all places',
    peopleAll: 'everyone',
    peopleWatchlist: 'watched people only',
    empty: 'Nothing in this window: no messages were posted between these times (or none that matched).',
    none: 'Nothing in this window.',
    s1: '1. Watchlist now',
    silent: 'Went silent',
    farewellThenActive: 'Farewell, then active',
    safe: 'Said they are safe',
    goingOffline: 'Announced going offline',
    outages: 'Area outages',
    stillAtEnd: 'still so at the end of the window',
    notAtEnd: 'no longer so by the end of the window',
    since: 'since',
    outageSeen: 'seen from',
    to: 'to',
    people: 'people',
    s2: '2. Farewells and last messages',
    lastMessages: 'Last messages of people silent or gone after a farewell',
    farewellPosts: 'Farewells posted in the window',
    s3: '3. Pleas for help (most urgent first)',
    s4: '4. Casualty reports',
    s4note: 'Grouped by incident (place named first and the day of the post). Figures are never averaged.',
    disagree: 'Sources disagree',
    reportedBy: 'reported by',
    s5: '5. Shelling and damage by neighbourhood',
    place: 'Place',
    damageReports: 'Damage reports',
    casualtyReports: 'Casualty reports',
    s6: '6. Evacuation and ceasefire news',
    closing: (m: string, a: string, q: string, r: string) =>
      `Drawn from ${m} messages from ${a} accounts in the window; ${q} posts quoted; ${r} reposts not counted as their reposters' words.`,
    reproduce: 'Reproduce it with',
    machine: 'machine-sorted, not yet checked',
    checked: 'category confirmed by a person',
    similar: (n: string) => `and ${n} similar posts`,
    similarOne: 'and 1 similar post',
    more: (n: string) => `${n} more in this window, not shown`,
    media: (n: string) => `${n} media attached, not shown`,
    graphic: (n: string) => `${n} graphic, withheld`,
    translation: 'machine translation (LibreTranslate)',
    link: 'link',
    message: 'message',
    seq: 'ledger seq',
    on: 'on',
    kinds: { killed: 'killed', injured: 'injured', missing: 'missing' } as Record<string, string>,
    groups: { children: 'children', women: 'women', civilians: 'civilians', people: 'people' } as Record<
      string,
      string
    >,
    unknownPlace: 'place not named',
    vs: 'vs',
    mapNote: 'Reports per neighbourhood (circle area); positions from the gazetteer, no map tiles.',
    warning: 'Content warning: farewells and reports of death.',
  },
  ar: {
    title: 'موجز Vigil',
    window: 'الفترة',
    generated: 'أُعدّ في',
    placeAll: 'كل الأماكن',
    peopleAll: 'الجميع',
    peopleWatchlist: 'المتابَعون فقط',
    empty: 'لا شيء في هذه الفترة: لم تُنشر رسائل بين هذين الوقتين (أو لم تطابق أيٌّ منها).',
    none: 'لا شيء في هذه الفترة.',
    s1: '١. قائمة المتابعة الآن',
    silent: 'انقطعوا عن النشر',
    farewellThenActive: 'ودّعوا ثم عادوا للنشر',
    safe: 'قالوا إنهم بأمان',
    goingOffline: 'أعلنوا انقطاعهم عن الاتصال',
    outages: 'انقطاع الاتصالات في مناطق',
    stillAtEnd: 'وما زال كذلك في نهاية الفترة',
    notAtEnd: 'ولم يعد كذلك في نهاية الفترة',
    since: 'منذ',
    outageSeen: 'لوحظ من',
    to: 'إلى',
    people: 'الأشخاص',
    s2: '٢. رسائل الوداع والرسائل الأخيرة',
    lastMessages: 'آخر رسائل من انقطعوا أو غابوا بعد وداع',
    farewellPosts: 'رسائل وداع نُشرت في الفترة',
    s3: '٣. نداءات الاستغاثة (الأشد إلحاحًا أولًا)',
    s4: '٤. تقارير الضحايا',
    s4note: 'مجمّعة حسب الحادثة (أول مكان يُذكر ويوم النشر). لا تُحسب متوسطات للأرقام أبدًا.',
    disagree: 'المصادر مختلفة',
    reportedBy: 'أورده',
    s5: '٥. القصف والدمار حسب الحي',
    place: 'المكان',
    damageReports: 'تقارير الدمار',
    casualtyReports: 'تقارير الضحايا',
    s6: '٦. أخبار الإجلاء ووقف إطلاق النار',
    closing: (m: string, a: string, q: string, r: string) =>
      `استُخلص من ${m} رسالة من ${a} حسابًا في الفترة؛ اقتُبس ${q} منشورًا؛ ولم تُحسب ${r} إعادة نشر كلامًا لمن أعاد نشرها.`,
    reproduce: 'لإعادة إنتاجه',
    machine: 'صنّفته الآلة ولم يُراجَع بعد',
    checked: 'صنّفه شخص وأكّده',
    similar: (n: string) => `ومعه ${n} منشورات مشابهة`,
    similarOne: 'ومعه منشور مشابه واحد',
    more: (n: string) => `${n} أخرى في هذه الفترة لم تُعرض`,
    media: (n: string) => `${n} وسائط مرفقة لم تُعرض`,
    graphic: (n: string) => `منها ${n} صادمة محجوبة`,
    translation: 'ترجمة آلية (LibreTranslate)',
    link: 'الرابط',
    message: 'الرسالة',
    seq: 'تسلسل السجل',
    on: 'على',
    kinds: { killed: 'قتلى', injured: 'جرحى', missing: 'مفقودون' } as Record<string, string>,
    groups: { children: 'أطفال', women: 'نساء', civilians: 'مدنيون', people: 'أشخاص' } as Record<string, string>,
    unknownPlace: 'مكان غير مذكور',
    vs: 'مقابل',
    mapNote: 'عدد التقارير لكل حي (مساحة الدائرة)؛ المواقع من المعجم الجغرافي، بلا خرائط مُحمّلة.',
    warning: 'تنبيه: يتضمن رسائل وداع وتقارير عن قتلى.',
  },
} as const;

export type Strings = (typeof STRINGS)['en'] | (typeof STRINGS)['ar'];

export function strings(lang: DigestLang): Strings {
  return STRINGS[lang];
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** ASCII digits as Arabic-Indic on Arabic pages. Only for Vigil's own words: quotes keep their digits. */
export function digits(s: string | number, lang: DigestLang): string {
  const t = String(s);
  return lang === 'ar' ? t.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]) : t;
}

/** Left-to-right isolate (LRI…PDI) on Arabic pages: keeps a time, an id or a handle in its own order. */
export function ltr(s: string, lang: DigestLang): string {
  return lang === 'ar' ? `\u2066${s}\u2069` : s;
}

/** First-strong isolate (FSI…PDI): a run whose direction follows its own first letter. */
export function isolate(s: string, lang: DigestLang): string {
  return lang === 'ar' ? `\u2068${s}\u2069` : s;
}

/** The separator of a list in the page's language. */
export function comma(lang: DigestLang): string {
  return lang === 'ar' ? '، ' : ', ';
}

/** "2016-12-13 09:41 (UTC+02:00)": the time as posted, in the poster's own offset. */
export function localTime(postedAt: string, lang: DigestLang): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(postedAt);
  if (!m) return postedAt;
  const off = m[3] === 'Z' ? 'UTC' : `UTC${m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3]}`;
  // No isolate: in a right-to-left line Arabic-Indic digits already read date, time, then offset.
  return digits(`${m[1]} ${m[2]} (${off})`, lang);
}

/** An instant in UTC, minutes: "2016-12-13 09:41 UTC". */
export function utcTime(iso: string, lang: DigestLang): string {
  const s = `${new Date(Date.parse(iso)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return digits(s, lang);
}

export function placeName(p: QuotePlace, lang: DigestLang): string {
  return lang === 'ar' ? (p.nameAr ?? p.name) : p.name;
}

export function personLabel(p: { name: string; nameAr?: string }, lang: DigestLang): string {
  return lang === 'ar' ? (p.nameAr ?? p.name) : p.name;
}

/** A short message id as people see it: its first 16 hex digits. */
export const shortId = (id: string) => id.slice(0, 16);
